// Human, translatable names for the domain's enums, quality flags and reason
// codes. The server and the store speak in stable codes (DESIGN.md §4); this
// is the one place that turns them into words.
pragma Singleton
import QtQuick

QtObject {
    // Counted nouns. The singular is its own string so English reads right
    // before translations exist; translators give "%n …" its plural forms.
    function meters(n) { return n === 1 ? qsTr("1 meter") : qsTr("%n meters", "", n) }
    function sites(n) { return n === 1 ? qsTr("1 site") : qsTr("%n sites", "", n) }
    function readings(n) { return n === 1 ? qsTr("1 reading") : qsTr("%n readings", "", n) }
    function changes(n) { return n === 1 ? qsTr("1 change") : qsTr("%n changes", "", n) }
    function toSync(n) { return n === 1 ? qsTr("1 to sync") : qsTr("%n to sync", "", n) }
    function toCheck(n) { return n === 1 ? qsTr("1 to check") : qsTr("%n to check", "", n) }
    function measures(n) { return n === 1 ? qsTr("1 measure") : qsTr("%n measures", "", n) }
    function updates(n) { return n === 1 ? qsTr("1 update") : qsTr("%n updates", "", n) }
    function questions(n) { return n === 1 ? qsTr("1 question") : qsTr("%n questions", "", n) }
    function unanswered(n) {
        return n === 1 ? qsTr("1 required question not answered") : qsTr("%n required questions not answered", "", n)
    }
    function toCorrect(n) { return n === 1 ? qsTr("1 answer to correct") : qsTr("%n answers to correct", "", n) }

    // ProgressStatus: where a measure stands.
    function progressStatusName(status) {
        switch (status) {
        case 2: return qsTr("Ongoing")
        case 3: return qsTr("Completed")
        case 4: return qsTr("Postponed")
        case 5: return qsTr("Cancelled")
        default: return qsTr("Not started")
        }
    }

    // An inspection's outcome (InspectionOutcome).
    function outcomeName(outcome) {
        switch (outcome) {
        case 1: return qsTr("Verified")
        case 2: return qsTr("Partially verified")
        case 3: return qsTr("Not verified")
        case 4: return qsTr("Follow-up needed")
        default: return qsTr("No outcome yet")
        }
    }

    function outcomeDescription(outcome) {
        switch (outcome) {
        case 1: return qsTr("Implemented as planned")
        case 2: return qsTr("Part of it is in place")
        case 3: return qsTr("Not in place, or not as planned")
        case 4: return qsTr("Defects to fix, or a visit to repeat")
        default: return ""
        }
    }

    // Why an inspection has no position.
    function locationProblem(code) {
        switch (code) {
        case "location.unavailable": return qsTr("This device gives no position. The inspection is saved without one.")
        case "location.denied": return qsTr("Location access is off for this app. Allow it in the system settings, or submit without a position.")
        case "location.timeout": return qsTr("No GPS fix yet. Step outside or near a window and try again, or submit without a position.")
        default: return qsTr("The position could not be read. Try again, or submit without a position.")
        }
    }

    function measureTypeName(type) {
        switch (type) {
        case 2: return qsTr("Adaptation")
        default: return qsTr("Mitigation")
        }
    }

    // Covenant of Mayors sectors (com_sector keys).
    function sectorName(key) {
        switch (key) {
        case "municipal_buildings": return qsTr("Municipal buildings and equipment")
        case "tertiary": return qsTr("Tertiary buildings")
        case "residential": return qsTr("Residential buildings")
        case "public_lighting": return qsTr("Public lighting")
        case "industry_non_ets": return qsTr("Industry (non-ETS)")
        case "industry_ets": return qsTr("Industry (ETS)")
        case "municipal_fleet": return qsTr("Municipal fleet")
        case "public_transport": return qsTr("Public transport")
        case "private_commercial_transport": return qsTr("Private and commercial transport")
        case "agriculture_forestry_fishery": return qsTr("Agriculture, forestry, fisheries")
        case "local_electricity_production": return qsTr("Local electricity production")
        case "local_heat_production": return qsTr("Local heat/cold production")
        case "other": return qsTr("Other")
        default: return key.replace(/_/g, " ")
        }
    }

    // Areas of intervention of the Covenant's action template.
    function areaName(key) {
        switch (key) {
        case "building_envelope": return qsTr("Building envelope")
        case "efficient_lighting": return qsTr("Energy-efficient lighting")
        case "pv": return qsTr("Photovoltaics")
        case "heat_pumps": return qsTr("Heat pumps")
        case "water_management": return qsTr("Water management")
        case "renewables_for_heating": return qsTr("Renewables for heating")
        case "clean_vehicles": return qsTr("Low-emission vehicles")
        case "green_infrastructure": return qsTr("Green infrastructure")
        case "district_heating": return qsTr("District heating")
        case "ict": return qsTr("Information and communication technologies")
        case "behavioural_changes": return qsTr("Behavioural changes")
        case "other": return qsTr("Other")
        default: return key.replace(/_/g, " ")
        }
    }

    function instrumentName(key) {
        switch (key) {
        case "grants_subsidies": return qsTr("Grants and subsidies")
        case "public_procurement": return qsTr("Public procurement")
        case "awareness_raising": return qsTr("Awareness raising")
        case "energy_management": return qsTr("Energy management")
        case "building_standards": return qsTr("Building standards")
        case "third_party_financing": return qsTr("Third-party financing, PPP")
        case "land_use_planning": return qsTr("Land use planning")
        case "other": return qsTr("Other")
        default: return key.replace(/_/g, " ")
        }
    }

    // A measure's own figures (Indicator keys); a key this version does not
    // know is shown as typed.
    function indicatorName(key) {
        switch (key) {
        case "trees_planted": return qsTr("Trees planted")
        case "green_roof_area": return qsTr("Green roof area")
        case "rainwater_retained": return qsTr("Rainwater retained")
        case "insulated_area": return qsTr("Insulated area")
        case "luminaires_replaced": return qsTr("Luminaires replaced")
        case "installed_power": return qsTr("Installed power")
        case "heat_pump_capacity": return qsTr("Heat pump capacity")
        case "buses_delivered": return qsTr("Buses delivered")
        case "boilers_replaced": return qsTr("Boilers replaced")
        default: return key.replace(/_/g, " ")
        }
    }

    function siteKindName(kind) {
        switch (kind) {
        case 1: return qsTr("School")
        case 2: return qsTr("Kindergarten")
        case 3: return qsTr("Town hall / office")
        case 4: return qsTr("Sports hall")
        case 5: return qsTr("Swimming pool")
        case 6: return qsTr("Health care")
        case 7: return qsTr("Culture")
        case 8: return qsTr("Social housing")
        case 9: return qsTr("Street lighting circuit")
        case 10: return qsTr("Water / wastewater")
        case 11: return qsTr("Fleet depot")
        case 12: return qsTr("Other")
        default: return qsTr("Site")
        }
    }

    function siteKindIcon(kind) {
        switch (kind) {
        case 1: case 2: return "school"
        case 9: return "lightbulb"
        case 10: return "water"
        case 11: return "truck"
        case 5: return "pool"
        default: return "building"
        }
    }

    function carrierName(carrier) {
        switch (carrier) {
        case 1: return qsTr("Electricity")
        case 2: return qsTr("Natural gas")
        case 3: return qsTr("District heat")
        case 4: return qsTr("Heating oil")
        case 5: return qsTr("LPG")
        case 6: return qsTr("Coal")
        case 7: return qsTr("Biomass")
        case 8: return qsTr("Diesel")
        case 9: return qsTr("Gasoline")
        case 10: return qsTr("PV production")
        case 11: return qsTr("Solar thermal")
        case 12: return qsTr("Water")
        case 13: return qsTr("Lignite")
        case 14: return qsTr("Other fossil fuels")
        case 15: return qsTr("Plant oil")
        case 16: return qsTr("Biofuel")
        case 17: return qsTr("Geothermal")
        default: return qsTr("Meter")
        }
    }

    function carrierIcon(carrier) {
        switch (carrier) {
        case 1: return "bolt"
        case 2: case 3: case 4: case 5: case 6: case 7: case 13: case 14: case 17: return "flame"
        case 8: case 9: case 15: case 16: return "fuel"
        case 10: case 11: return "sun"
        case 12: return "water"
        default: return "gauge"
        }
    }

    function unitSymbol(unit) {
        switch (unit) {
        case 1: return qsTr("kWh")
        case 2: return qsTr("MWh")
        case 3: return qsTr("m³")
        case 4: return qsTr("GJ")
        case 5: return qsTr("l")
        case 6: return qsTr("kg")
        default: return ""
        }
    }

    function readingKindName(kind) {
        switch (kind) {
        case 2: return qsTr("Estimated")
        case 3: return qsTr("Invoice")
        case 4: return qsTr("Final reading (exchange)")
        case 5: return qsTr("Start reading (exchange)")
        default: return ""
        }
    }

    function roleName(role) {
        switch (role) {
        case "admin": return qsTr("Administrator")
        case "coordinator": return qsTr("Coordinator")
        case "field": return qsTr("Field staff")
        case "kiosk": return qsTr("Kiosk")
        case "partner": return qsTr("Partner")
        default: return role
        }
    }

    // Quality flags that the server sets on accepted readings.
    function flagText(flag) {
        switch (flag) {
        case "reading.not_monotonic": return qsTr("Lower than the previous reading")
        case "reading.rollover": return qsTr("Register rolled over")
        case "reading.spike": return qsTr("Unusually high use")
        case "reading.invoice_gap": return qsTr("Gap in invoice periods")
        case "reading.invoice_overlap": return qsTr("Overlapping invoice periods")
        default: return flag
        }
    }

    // A sentence for a reason code; `fallback` (the English message) is used
    // for codes this version does not know.
    function reasonMessage(code, fallback) {
        switch (code) {
        case "input.empty": return qsTr("Type the value shown on the meter.")
        case "input.not_a_number": return qsTr("That is not a number. Type digits only, with a decimal separator if needed.")
        case "reading.nan":
        case "reading.not_a_number": return qsTr("That is not a valid number.")
        case "reading.no_time": return qsTr("The reading has no date and time.")
        case "reading.bad_period": return qsTr("The period starts after it ends. Check the dates.")
        case "reading.too_many_digits": return qsTr("The value has more digits than this meter can show. Check the digits.")
        case "field.too_long": return qsTr("The text is too long. Shorten it and save again.")
        case "reading.negative_register": return qsTr("A meter register cannot be negative. Check the value.")
        case "reading.negative_value": return qsTr("A consumption cannot be negative. Check the value.")
        case "reading.future": return qsTr("The reading time is in the future. Check the date and time of this device.")
        case "reading.unknown_meter": return qsTr("This meter is not known yet. Sync, then try again.")
        case "clock.skew": return qsTr("This device's clock is wrong. It will be corrected at the next sync.")
        case "auth.forbidden": return qsTr("You are not allowed to change this record.")
        case "published_inventory.bad_kind": return qsTr("A published inventory must be a BEI or an MEI.")
        case "published_inventory.bad_value": return qsTr("A figure of the inventory is not a valid number. Check the file.")
        case "published_inventory.bad_line": return qsTr("A line of the inventory has a sector or carrier the Covenant template does not have.")
        case "published_inventory.unknown_municipality": return qsTr("The inventory's municipality is not known here.")
        case "published_inventory.unknown_supersedes": return qsTr("The inventory this one corrects is not known here. Sync, then try again.")
        case "emission_factor.unknown_municipality": return qsTr("The municipality of this emission factor is not known here.")
        case "change.unknown_field": return qsTr("This app sent a field the server does not know. Update the app, then send again.")
        case "change.incomplete": return qsTr("The record does not say where it belongs. Discard it and enter it again.")
        case "change.malformed": return qsTr("The record was damaged on the way. Discard it and enter it again.")
        case "change.append_only": return qsTr("This record cannot be changed once sent. Enter a new one that corrects it.")
        case "municipality.no_name": return qsTr("The municipality has no name. Add it and save again.")
        case "site.unknown_municipality": return qsTr("The site's municipality is not known yet. Sync, then send again.")
        case "meter.unknown_site": return qsTr("The meter's site is not known yet. Sync, then send again.")
        case "meter.bad_multiplier": return qsTr("The meter's multiplier must be a number not below zero.")
        case "meter.bad_digits": return qsTr("A meter has between 0 and 15 register digits.")
        case "reading.negative_value": return qsTr("A consumption cannot be negative. Check the value.")
        case "review.bad_decision": return qsTr("A review must confirm the reading or mark it wrong.")
        case "review.unknown_reading": return qsTr("The reviewed reading has not reached the server yet. Sync, then send again.")
        case "measure.no_title": return qsTr("A measure needs a title.")
        case "measure.bad_dates": return qsTr("The planned end is before the planned start. Check the dates.")
        case "measure.bad_value": return qsTr("A budget or expected figure of the measure is not a valid number.")
        case "measure.unknown_municipality": return qsTr("The measure's municipality is not known yet. Sync, then send again.")
        case "inspection.not_submitted": return qsTr("The inspection is still a draft. Submit it first.")
        case "inspection.immutable": return qsTr("This inspection was submitted already and cannot change. Start an amendment instead.")
        case "inspection.bad_dates": return qsTr("The inspection's dates do not fit. Check the date and time of this device.")
        case "inspection.bad_location": return qsTr("The position recorded with the inspection is not valid. Take the position again.")
        case "inspection.no_outcome": return qsTr("Choose the inspection's outcome before submitting.")
        case "inspection.unknown_site": return qsTr("The inspected site is not known yet. Sync, then send again.")
        case "inspection.unknown_measure": return qsTr("The inspected measure is not known yet. Sync, then send again.")
        case "inspection.unknown_template": return qsTr("The checklist of this inspection is not known yet. Sync, then send again.")
        case "inspection.missing_answer": return qsTr("A required question of the checklist has no answer. Answer it, then submit.")
        case "inspection.bad_answer": return qsTr("An answer does not fit its question (a number out of range or an option the checklist does not offer). Correct it.")
        case "inspection.draft_gone": return qsTr("This draft is not on the device any more. It was submitted or discarded.")
        case "inspection.photo_missing": return qsTr("A photo of this inspection cannot be read any more. Take it again, then submit.")
        case "template.bad_version": return qsTr("A checklist's version must be 1 or more.")
        case "template.bad_item": return qsTr("A checklist question has no key, a key used twice, or a minimum above its maximum.")
        case "template.unknown_municipality": return qsTr("The checklist's municipality is not known yet. Sync, then send again.")
        case "attachment.bad_sha256": return qsTr("The photo's fingerprint is damaged. Discard it and take the photo again.")
        case "attachment.bad_size": return qsTr("The photo's size is not valid. Discard it and take the photo again.")
        case "attachment.unknown_owner": return qsTr("The photo's record has not reached the server yet. It will be sent after it.")
        case "attachment.immutable": return qsTr("A sent photo cannot change. Add a new photo instead.")
        case "activity.bad_value": return qsTr("An activity figure is below zero, not a number, or of an impossible year.")
        case "activity.unknown_municipality": return qsTr("The municipality of this activity figure is not known yet. Sync, then send again.")
        case "person.bad_role": return qsTr("A person's role is not one the app knows. Ask your coordinator.")
        case "person.unknown_municipality": return qsTr("A person's municipality is not known yet. Sync, then send again.")
        case "person.bad_pin_hash": return qsTr("A caretaker's PIN was not stored safely. Set the PIN again.")
        case "person.unknown_site": return qsTr("A caretaker's site is not known yet. Sync, then send again.")
        case "emission_factor.bad_value": return qsTr("An emission factor is out of range or not a number.")
        case "degree_days.bad_value": return qsTr("A degree-day figure is out of range or not a number.")
        case "degree_days.unknown_municipality": return qsTr("The municipality of these degree days is not known yet. Sync, then send again.")
        case "municipality_year.bad_value": return qsTr("The year or the population is not valid.")
        case "municipality_year.unknown_municipality": return qsTr("The municipality of this year's figures is not known yet. Sync, then send again.")
        case "attention.gone": return qsTr("This was fixed or discarded already.")
        case "progress.no_status": return qsTr("Choose where the measure stands.")
        case "progress.bad_percent": return qsTr("Percent complete must be between 0 and 100.")
        case "progress.bad_value": return qsTr("The amount spent cannot be negative, and every indicator needs a name and a number.")
        case "progress.bad_indicator": return qsTr("An indicator needs a name and a number. Fill both in, or clear the row.")
        case "progress.no_time": return qsTr("The progress update has no date. Check the date and time of this device.")
        case "progress.unknown_measure": return qsTr("This measure is not known yet. Sync, then try again.")
        case "storage.full": return qsTr("The device storage is full. Free some space, then save again.")
        case "storage.io": return qsTr("The device storage failed to write. Try again.")
        case "storage.error": return qsTr("The reading could not be saved on this device.")
        case "enroll.empty_code": return qsTr("Type the enrollment code you received.")
        case "enroll.no_server": return qsTr("Type the server address first.")
        case "enroll.unreachable": return qsTr("The server cannot be reached. Check the address and your connection, then try again.")
        case "enroll.rejected": return qsTr("The server did not accept this code. Check it, or ask your coordinator for a new one.")
        case "enroll.bad_link": return qsTr("This enrollment link is damaged. Scan the QR code again, or type the code instead.")
        case "enroll.server_mismatch": return qsTr("The server's certificate does not match the one in the enrollment code, so this may not be your server. Check the address, or ask your coordinator for a new code.")
        case "enroll.upgrade_required": return qsTr("This app version is too old for the server. Please update the app.")
        case "photo.unreadable": return qsTr("This file is not a photo the app can read. Choose a JPEG or PNG image.")
        case "photo.not_saved": return qsTr("The photo could not be stored on this device. Free some space, then try again.")
        case "photo.busy": return qsTr("The photo is still being prepared. Save again in a moment.")
        case "photo.missing": return qsTr("The reading was saved, but without its photo: the photo file could not be read any more.")
        case "photo.not_stored": return qsTr("The reading was saved, but its photo could not be stored on this device. Free some space before the next photo.")
        case "qr.not_found": return qsTr("No QR code was found in this image. Choose a sharper screenshot or photo of the code, or type the code.")
        case "qr.unreadable_image": return qsTr("This file is not an image the app can read. Choose a PNG or JPEG screenshot of the code.")
        case "qr.not_enrollment": return qsTr("This QR code is not a SECAP enrollment code. Scan the code your coordinator shows you, or type the code.")
        default: return fallback && fallback.length > 0 ? fallback : qsTr("Something went wrong (%1).").arg(code)
        }
    }
}
