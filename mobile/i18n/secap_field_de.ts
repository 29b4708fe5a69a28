<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CameraSheet</name>
    <message>
        <source>Scan the QR code</source>
        <translation>QR-Code scannen</translation>
    </message>
    <message>
        <source>Photo of the meter</source>
        <translation>Foto des Zählers</translation>
    </message>
    <message>
        <source>Hold the code inside the frame. It is read by itself.</source>
        <translation>Halten Sie den Code in den Rahmen. Er wird von selbst gelesen.</translation>
    </message>
    <message>
        <source>Fit the register and the serial number into the picture.</source>
        <translation>Zählwerk und Seriennummer sollten im Bild sein.</translation>
    </message>
    <message>
        <source>The camera could not be started: %1</source>
        <translation>Die Kamera konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>The photo could not be taken: %1</source>
        <translation>Das Foto konnte nicht aufgenommen werden: %1</translation>
    </message>
    <message>
        <source>Close camera</source>
        <translation>Kamera schließen</translation>
    </message>
    <message>
        <source>Choose an image of the code…</source>
        <translation>Bild mit dem Code auswählen…</translation>
    </message>
    <message>
        <source>Choose a photo file…</source>
        <translation>Fotodatei auswählen…</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Kamera wird gestartet…</translation>
    </message>
    <message>
        <source>Take the photo</source>
        <translation>Foto aufnehmen</translation>
    </message>
    <message>
        <source>Choose an image instead…</source>
        <translation>Stattdessen ein Bild auswählen…</translation>
    </message>
    <message>
        <source>No camera was found on this device.</source>
        <translation>Auf diesem Gerät wurde keine Kamera gefunden.</translation>
    </message>
    <message>
        <source>The camera did not start. Close other apps that use it, or choose a file instead.</source>
        <translation>Die Kamera ist nicht gestartet. Schließen Sie andere Apps, die sie verwenden, oder wählen Sie stattdessen eine Datei.</translation>
    </message>
    <message>
        <source>Scan the meter&apos;s label</source>
        <translation>Zähleretikett scannen</translation>
    </message>
</context>
<context>
    <name>ChecklistItem</name>
    <message>
        <source>Between %1 and %2%3</source>
        <translation>Zwischen %1 und %2%3</translation>
    </message>
    <message>
        <source>At least %1%2</source>
        <translation>Mindestens %1%2</translation>
    </message>
    <message>
        <source>At most %1%2</source>
        <translation>Höchstens %1%2</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>That is not a number.</source>
        <translation>Das ist keine Zahl.</translation>
    </message>
    <message>
        <source>Type here</source>
        <translation>Hier eingeben</translation>
    </message>
    <message>
        <source>Show the photo</source>
        <translation>Foto anzeigen</translation>
    </message>
    <message>
        <source>Photo attached</source>
        <translation>Foto angehängt</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the photo of this question</source>
        <translation>Foto dieser Frage entfernen</translation>
    </message>
    <message>
        <source>This question needs an answer.</source>
        <translation>Diese Frage muss beantwortet werden.</translation>
    </message>
</context>
<context>
    <name>EnrollmentPage</name>
    <message>
        <source>Enroll device</source>
        <translation>Gerät registrieren</translation>
    </message>
    <message>
        <source>Choose a screenshot or photo of the QR code</source>
        <translation>Screenshot oder Foto des QR-Codes auswählen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <source>SECAP Field</source>
        <translation>SECAP Field</translation>
    </message>
    <message>
        <source>Meter readings and climate plan monitoring for your municipality, online or offline.</source>
        <translation>Zählerstände und Monitoring des Klimaplans für Ihre Kommune – online und offline.</translation>
    </message>
    <message>
        <source>Enroll this device</source>
        <translation>Dieses Gerät registrieren</translation>
    </message>
    <message>
        <source>Scan the QR code your SECAP coordinator gives you, or type the enrollment code below.</source>
        <translation>Scannen Sie den QR-Code Ihrer SECAP-Koordination, oder geben Sie unten den Registrierungscode ein.</translation>
    </message>
    <message>
        <source>Scan QR code</source>
        <translation>QR-Code scannen</translation>
    </message>
    <message>
        <source>Read QR code from an image…</source>
        <translation>QR-Code aus einem Bild lesen…</translation>
    </message>
    <message>
        <source>Choose a screenshot or photo of the enrollment QR code</source>
        <translation>Screenshot oder Foto des Registrierungs-QR-Codes auswählen</translation>
    </message>
    <message>
        <source>No camera found on this device. Choose a screenshot or photo of the QR code instead.</source>
        <translation>Auf diesem Gerät wurde keine Kamera gefunden. Wählen Sie stattdessen einen Screenshot oder ein Foto des QR-Codes.</translation>
    </message>
    <message>
        <source>Looking for the QR code…</source>
        <translation>QR-Code wird gesucht…</translation>
    </message>
    <message>
        <source>QR code read. Server: %1</source>
        <translation>QR-Code gelesen. Server: %1</translation>
    </message>
    <message>
        <source>or type the code</source>
        <translation>oder Code eingeben</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Registrierungscode</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>Wird registriert…</translation>
    </message>
    <message>
        <source>Readings you enter are kept on this device and sync whenever there is a connection.</source>
        <translation>Eingegebene Zählerstände bleiben auf diesem Gerät und werden synchronisiert, sobald eine Verbindung besteht.</translation>
    </message>
    <message>
        <source>Your coordinator withdrew this device, so its data was removed from it. To use it again, ask your coordinator for a new enrollment code.</source>
        <translation>Ihre Koordination hat dieses Gerät abgemeldet, deshalb wurden seine Daten gelöscht. Um es wieder zu nutzen, bitten Sie Ihre Koordination um einen neuen Registrierungscode.</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Reading of meter %1</source>
        <translation>Zählerstand von Zähler %1</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Zählerstand</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Fortschrittsmeldung zu %1</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>Begehung</translation>
    </message>
    <message>
        <source>Change of a record (%1)</source>
        <translation>Änderung eines Eintrags (%1)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Zu prüfen</translation>
    </message>
    <message>
        <source>Discard this change?</source>
        <translation>Diese Änderung verwerfen?</translation>
    </message>
    <message>
        <source>%1 will be deleted from this device and will never reach the server. This cannot be undone.</source>
        <translation>%1 wird von diesem Gerät gelöscht und kommt nie beim Server an. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Vom Server abgelehnt</translation>
    </message>
    <message>
        <source>Flagged readings</source>
        <translation>Auffällige Zählerstände</translation>
    </message>
    <message>
        <source>Your coordinator will look at it. If it was misread, enter the right value.</source>
        <translation>Ihre Koordination sieht sich das an. Falls falsch abgelesen wurde, geben Sie den richtigen Wert ein.</translation>
    </message>
    <message>
        <source>Correct value</source>
        <translation>Richtiger Wert</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Correct the value</source>
        <translation>Wert korrigieren</translation>
    </message>
    <message>
        <source>Fix the time and send</source>
        <translation>Zeit korrigieren und senden</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open the meter</source>
        <translation>Zähler öffnen</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Verwerfen…</translation>
    </message>
    <message>
        <source>Nothing needs attention</source>
        <translation>Nichts zu prüfen</translation>
    </message>
    <message>
        <source>Changes the server refuses and readings it finds odd appear here, with what to do.</source>
        <translation>Hier erscheinen Änderungen, die der Server ablehnt, und Zählerstände, die ihm auffallen, jeweils mit dem, was zu tun ist.</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <source>Installation complete and running; the as-built documents are missing the inverter&apos;s serial number.</source>
        <translation>Anlage vollständig installiert und in Betrieb; in den Bestandsunterlagen fehlt die Seriennummer des Wechselrichters.</translation>
    </message>
    <message>
        <source>Amend inspection</source>
        <translation>Begehung korrigieren</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>Begehung</translation>
    </message>
    <message>
        <source>This inspection cannot be opened: its checklist or draft is not on this device.</source>
        <translation>Diese Begehung kann nicht geöffnet werden: Die zugehörige Checkliste oder der Entwurf ist nicht auf diesem Gerät.</translation>
    </message>
    <message>
        <source>Discard this draft?</source>
        <translation>Diesen Entwurf verwerfen?</translation>
    </message>
    <message>
        <source>The answers and photos of this draft are deleted from the device. This cannot be undone.</source>
        <translation>Die Antworten und Fotos dieses Entwurfs werden vom Gerät gelöscht. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>1  Checklist</source>
        <translation>1  Checkliste</translation>
    </message>
    <message>
        <source>2  Conclusion</source>
        <translation>2  Abschluss</translation>
    </message>
    <message>
        <source>%1 of %2 answered</source>
        <translation>%1 von %2 beantwortet</translation>
    </message>
    <message>
        <source>Amends an earlier inspection: its answers are filled in. Change what was wrong.</source>
        <translation>Korrigiert eine frühere Begehung: Deren Antworten sind bereits eingetragen. Ändern Sie, was falsch war.</translation>
    </message>
    <message>
        <source>Next: conclusion</source>
        <translation>Weiter: Abschluss</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>± %1 m</source>
        <translation>± %1 m</translation>
    </message>
    <message>
        <source>Finding your position…</source>
        <translation>Position wird bestimmt…</translation>
    </message>
    <message>
        <source>No position yet.</source>
        <translation>Noch keine Position.</translation>
    </message>
    <message>
        <source>You can still submit: the inspection then records that it has no position.</source>
        <translation>Sie können trotzdem einreichen: Die Begehung vermerkt dann, dass keine Position vorliegt.</translation>
    </message>
    <message>
        <source>Update position</source>
        <translation>Position aktualisieren</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>%1 attached</source>
        <translation>%1 angehängt</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Show the photo</source>
        <translation>Foto anzeigen</translation>
    </message>
    <message>
        <source>Remove this photo</source>
        <translation>Dieses Foto entfernen</translation>
    </message>
    <message>
        <source>Choose a photo of the site</source>
        <translation>Foto der Liegenschaft auswählen</translation>
    </message>
    <message>
        <source>Choose a photo of the site from your files</source>
        <translation>Ein Foto der Liegenschaft aus Ihren Dateien auswählen</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Feststellungen</translation>
    </message>
    <message>
        <source>What you saw: defects, deviations from the plan, what to follow up</source>
        <translation>Was Sie gesehen haben: Mängel, Abweichungen von der Planung, was nachzuarbeiten ist</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <source>no outcome chosen</source>
        <translation>kein Ergebnis gewählt</translation>
    </message>
    <message>
        <source>Before submitting: %1.</source>
        <translation>Vor dem Einreichen: %1.</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>Wird eingereicht…</translation>
    </message>
    <message>
        <source>Submit inspection</source>
        <translation>Begehung einreichen</translation>
    </message>
    <message>
        <source>Once submitted, the inspection cannot be changed; a correction is made as an amendment.</source>
        <translation>Nach dem Einreichen lässt sich die Begehung nicht mehr ändern; Berichtigungen erfolgen über eine Korrektur.</translation>
    </message>
    <message>
        <source>You are offline. The inspection is saved on this device and syncs later.</source>
        <translation>Sie sind offline. Die Begehung wird auf diesem Gerät gespeichert und später synchronisiert.</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Entwurf verwerfen</translation>
    </message>
</context>
<context>
    <name>InspectionSection</name>
    <message>
        <source>Inspections (%1)</source>
        <translation>Begehungen (%1)</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>Begehungen</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>Begehung starten</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Noch nicht gesendet</translation>
    </message>
    <message>
        <source>%1 of %2 questions answered · tap to continue</source>
        <translation>%1 von %2 Fragen beantwortet · zum Fortsetzen tippen</translation>
    </message>
    <message>
        <source>No inspection yet. Start one on site: the checklist works offline.</source>
        <translation>Noch keine Begehung. Starten Sie eine vor Ort: Die Checkliste funktioniert auch offline.</translation>
    </message>
    <message>
        <source>No checklist on this device yet. Sync to get your municipality&apos;s checklists.</source>
        <translation>Noch keine Checkliste auf diesem Gerät. Synchronisieren Sie, um die Checklisten Ihrer Kommune zu erhalten.</translation>
    </message>
    <message>
        <source>Choose a checklist</source>
        <translation>Checkliste auswählen</translation>
    </message>
</context>
<context>
    <name>InspectionViewPage</name>
    <message>
        <source>Inspection</source>
        <translation>Begehung</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Noch nicht gesendet</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Maßnahme</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Liegenschaft</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Eingereicht</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>± %1 m</source>
        <translation>± %1 m</translation>
    </message>
    <message>
        <source>None recorded (no GPS fix)</source>
        <translation>Nicht erfasst (kein GPS-Empfang)</translation>
    </message>
    <message>
        <source>This inspection amends an earlier one.</source>
        <translation>Diese Begehung korrigiert eine frühere.</translation>
    </message>
    <message>
        <source>A later inspection amends this one.</source>
        <translation>Eine spätere Begehung korrigiert diese.</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Feststellungen</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Nicht beantwortet</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Show the photo</source>
        <translation>Foto anzeigen</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <source>Amend this inspection</source>
        <translation>Begehung korrigieren</translation>
    </message>
    <message>
        <source>Start a new inspection that corrects this one, from its answers</source>
        <translation>Neue Begehung mit diesen Antworten starten, die diese Begehung korrigiert</translation>
    </message>
    <message>
        <source>A submitted inspection never changes. An amendment is a new inspection that names this one.</source>
        <translation>Eine eingereichte Begehung wird nie geändert. Eine Korrektur ist eine neue Begehung, die auf diese verweist.</translation>
    </message>
</context>
<context>
    <name>KioskKeypad</name>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Decimal separator</source>
        <translation>Dezimaltrennzeichen</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>%1 t CO₂</source>
        <translation>%1 t CO₂</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Falsche PIN.</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Kioskmodus verlassen</translation>
    </message>
    <message>
        <source>Set the admin PIN first</source>
        <translation>Zuerst die Admin-PIN festlegen</translation>
    </message>
    <message>
        <source>Admin PIN</source>
        <translation>Admin-PIN</translation>
    </message>
    <message>
        <source>This tablet has no admin PIN yet: type one of 4 to 8 digits. It is kept on this tablet only.</source>
        <translation>Dieses Tablet hat noch keine Admin-PIN: Geben Sie 4 bis 8 Ziffern ein. Sie bleibt nur auf diesem Tablet.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>PIN festlegen</translation>
    </message>
    <message>
        <source>Use 4 to 8 digits.</source>
        <translation>Verwenden Sie 4 bis 8 Ziffern.</translation>
    </message>
    <message>
        <source>Offline · data of %1</source>
        <translation>Offline · Daten vom %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Enter a meter reading:</source>
        <translation>Zählerstand eingeben:</translation>
    </message>
    <message>
        <source>Energy use in %1</source>
        <translation>Energieverbrauch im %1</translation>
    </message>
    <message>
        <source>Energy use of this building</source>
        <translation>Energieverbrauch dieses Gebäudes</translation>
    </message>
    <message>
        <source>%1 kWh now, %2 kWh a year before</source>
        <translation>%1 kWh jetzt, %2 kWh ein Jahr zuvor</translation>
    </message>
    <message>
        <source>Not enough readings yet to compare with last year.</source>
        <translation>Noch zu wenige Zählerstände für einen Vergleich mit dem Vorjahr.</translation>
    </message>
    <message>
        <source>Our town&apos;s CO₂ emissions</source>
        <translation>CO₂-Emissionen unserer Stadt</translation>
    </message>
    <message>
        <source>since %1 (%2)</source>
        <translation>seit %1 (%2)</translation>
    </message>
    <message>
        <source>No inventory yet</source>
        <translation>Noch keine Bilanz</translation>
    </message>
    <message>
        <source>Goal: −%1 % by %2</source>
        <translation>Ziel: −%1 % bis %2</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Im Plan</translation>
    </message>
    <message>
        <source>Behind the path to the goal</source>
        <translation>Hinter dem Pfad zum Ziel</translation>
    </message>
    <message>
        <source>Done in our town</source>
        <translation>Umgesetzt in unserer Stadt</translation>
    </message>
    <message>
        <source>Climate-neutral by %1</source>
        <translation>Klimaneutral bis %1</translation>
    </message>
    <message>
        <source>That is %1 less every year from now on.</source>
        <translation>Das sind ab jetzt jedes Jahr %1 weniger.</translation>
    </message>
    <message>
        <source>Hello, %1. Your PIN, please.</source>
        <translation>Hallo, %1. Bitte Ihre PIN.</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 tries left.</source>
        <translation>Falsche PIN. Noch %1 Versuche.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: locked until %1.</source>
        <translation>Zu viele falsche PINs: gesperrt bis %1.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Which meter?</source>
        <translation>Welcher Zähler?</translation>
    </message>
    <message>
        <source>Previous reading</source>
        <translation>Letzter Zählerstand</translation>
    </message>
    <message>
        <source>New reading</source>
        <translation>Neuer Zählerstand</translation>
    </message>
    <message>
        <source>Lower than the previous reading. Check the digits; save anyway if the meter shows it.</source>
        <translation>Niedriger als der letzte Zählerstand. Prüfen Sie die Ziffern; speichern Sie trotzdem, wenn der Zähler das anzeigt.</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <source>Save reading</source>
        <translation>Zählerstand speichern</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Danke!</translation>
    </message>
    <message>
        <source>The reading is saved.</source>
        <translation>Der Zählerstand ist gespeichert.</translation>
    </message>
    <message>
        <source>The reading is saved on this tablet and syncs when it is online.</source>
        <translation>Der Zählerstand ist auf diesem Tablet gespeichert und wird synchronisiert, sobald es online ist.</translation>
    </message>
    <message>
        <source>Heating compared for the same weather</source>
        <translation>Heizung bei gleichem Wetter verglichen</translation>
    </message>
    <message>
        <source>still to cut to get there</source>
        <translation>noch einzusparen bis dahin</translation>
    </message>
    <message>
        <source>compared with %1</source>
        <translation>im Vergleich zu %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>A note to the reading</source>
        <translation>Notiz zum Zählerstand</translation>
    </message>
    <message>
        <source>e.g. the meter was exchanged</source>
        <translation>z. B. der Zähler wurde getauscht</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>KioskPanel</name>
    <message>
        <source>Back to the board</source>
        <translation>Zurück zur Tafel</translation>
    </message>
</context>
<context>
    <name>LabelScanner</name>
    <message>
        <source>No QR code or barcode was found in this image. Choose a sharper photo of the label.</source>
        <translation>In diesem Bild wurde kein QR-Code und kein Barcode gefunden. Wählen Sie ein schärferes Foto des Etiketts.</translation>
    </message>
    <message>
        <source>Choose a photo of the meter&apos;s label</source>
        <translation>Foto des Zähleretiketts auswählen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>1 meter</source>
        <translation>1 Zähler</translation>
    </message>
    <message numerus="yes">
        <source>%n meters</source>
        <translation>
            <numerusform>%n Zähler</numerusform>
            <numerusform>%n Zähler</numerusform>
        </translation>
    </message>
    <message>
        <source>1 site</source>
        <translation>1 Liegenschaft</translation>
    </message>
    <message numerus="yes">
        <source>%n sites</source>
        <translation>
            <numerusform>%n Liegenschaft</numerusform>
            <numerusform>%n Liegenschaften</numerusform>
        </translation>
    </message>
    <message>
        <source>1 reading</source>
        <translation>1 Zählerstand</translation>
    </message>
    <message numerus="yes">
        <source>%n readings</source>
        <translation>
            <numerusform>%n Zählerstand</numerusform>
            <numerusform>%n Zählerstände</numerusform>
        </translation>
    </message>
    <message>
        <source>1 change</source>
        <translation>1 Änderung</translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n Änderung</numerusform>
            <numerusform>%n Änderungen</numerusform>
        </translation>
    </message>
    <message>
        <source>1 to sync</source>
        <translation>1 offen</translation>
    </message>
    <message numerus="yes">
        <source>%n to sync</source>
        <translation>
            <numerusform>%n offen</numerusform>
            <numerusform>%n offen</numerusform>
        </translation>
    </message>
    <message>
        <source>1 to check</source>
        <translation>1 zu prüfen</translation>
    </message>
    <message numerus="yes">
        <source>%n to check</source>
        <translation>
            <numerusform>%n zu prüfen</numerusform>
            <numerusform>%n zu prüfen</numerusform>
        </translation>
    </message>
    <message>
        <source>School</source>
        <translation>Schule</translation>
    </message>
    <message>
        <source>Kindergarten</source>
        <translation>Kita</translation>
    </message>
    <message>
        <source>Town hall / office</source>
        <translation>Rathaus / Verwaltung</translation>
    </message>
    <message>
        <source>Sports hall</source>
        <translation>Sporthalle</translation>
    </message>
    <message>
        <source>Swimming pool</source>
        <translation>Schwimmbad</translation>
    </message>
    <message>
        <source>Health care</source>
        <translation>Gesundheitswesen</translation>
    </message>
    <message>
        <source>Culture</source>
        <translation>Kultur</translation>
    </message>
    <message>
        <source>Social housing</source>
        <translation>Sozialwohnungen</translation>
    </message>
    <message>
        <source>Street lighting circuit</source>
        <translation>Straßenbeleuchtung</translation>
    </message>
    <message>
        <source>Water / wastewater</source>
        <translation>Wasser / Abwasser</translation>
    </message>
    <message>
        <source>Fleet depot</source>
        <translation>Betriebshof</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Liegenschaft</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>Strom</translation>
    </message>
    <message>
        <source>Natural gas</source>
        <translation>Erdgas</translation>
    </message>
    <message>
        <source>District heat</source>
        <translation>Fernwärme</translation>
    </message>
    <message>
        <source>Heating oil</source>
        <translation>Heizöl</translation>
    </message>
    <message>
        <source>LPG</source>
        <translation>Flüssiggas</translation>
    </message>
    <message>
        <source>Coal</source>
        <translation>Kohle</translation>
    </message>
    <message>
        <source>Biomass</source>
        <translation>Biomasse</translation>
    </message>
    <message>
        <source>Diesel</source>
        <translation>Diesel</translation>
    </message>
    <message>
        <source>Gasoline</source>
        <translation>Benzin</translation>
    </message>
    <message>
        <source>PV production</source>
        <translation>PV-Erzeugung</translation>
    </message>
    <message>
        <source>Solar thermal</source>
        <translation>Solarthermie</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Wasser</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>MWh</source>
        <translation>MWh</translation>
    </message>
    <message>
        <source>m³</source>
        <translation>m³</translation>
    </message>
    <message>
        <source>GJ</source>
        <translation>GJ</translation>
    </message>
    <message>
        <source>l</source>
        <translation>l</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>Geschätzt</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Final reading (exchange)</source>
        <translation>Endstand (Zählerwechsel)</translation>
    </message>
    <message>
        <source>Start reading (exchange)</source>
        <translation>Anfangsstand (Zählerwechsel)</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Koordination</translation>
    </message>
    <message>
        <source>Field staff</source>
        <translation>Außendienst</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Lower than the previous reading</source>
        <translation>Niedriger als der vorherige Stand</translation>
    </message>
    <message>
        <source>Register rolled over</source>
        <translation>Zählwerk übergelaufen</translation>
    </message>
    <message>
        <source>Unusually high use</source>
        <translation>Ungewöhnlich hoher Verbrauch</translation>
    </message>
    <message>
        <source>Gap in invoice periods</source>
        <translation>Lücke zwischen Rechnungszeiträumen</translation>
    </message>
    <message>
        <source>Overlapping invoice periods</source>
        <translation>Rechnungszeiträume überschneiden sich</translation>
    </message>
    <message>
        <source>Type the value shown on the meter.</source>
        <translation>Geben Sie den Wert ein, den der Zähler anzeigt.</translation>
    </message>
    <message>
        <source>That is not a number. Type digits only, with a decimal separator if needed.</source>
        <translation>Das ist keine Zahl. Geben Sie nur Ziffern ein, bei Bedarf mit Komma.</translation>
    </message>
    <message>
        <source>That is not a valid number.</source>
        <translation>Das ist keine gültige Zahl.</translation>
    </message>
    <message>
        <source>The reading has no date and time.</source>
        <translation>Der Zählerstand hat kein Datum und keine Uhrzeit.</translation>
    </message>
    <message>
        <source>The period starts after it ends. Check the dates.</source>
        <translation>Der Zeitraum beginnt nach seinem Ende. Prüfen Sie Start- und Enddatum.</translation>
    </message>
    <message>
        <source>The value has more digits than this meter can show. Check the digits.</source>
        <translation>Der Wert hat mehr Stellen, als dieser Zähler anzeigen kann. Prüfen Sie die Ziffern.</translation>
    </message>
    <message>
        <source>The text is too long. Shorten it and save again.</source>
        <translation>Der Text ist zu lang. Kürzen Sie ihn und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>A meter register cannot be negative. Check the value.</source>
        <translation>Ein Zählerstand kann nicht negativ sein. Prüfen Sie den Wert.</translation>
    </message>
    <message>
        <source>A consumption cannot be negative. Check the value.</source>
        <translation>Ein Verbrauch kann nicht negativ sein. Prüfen Sie den Wert.</translation>
    </message>
    <message>
        <source>The reading time is in the future. Check the date and time of this device.</source>
        <translation>Der Zeitpunkt der Ablesung liegt in der Zukunft. Prüfen Sie Datum und Uhrzeit dieses Geräts.</translation>
    </message>
    <message>
        <source>This meter is not known yet. Sync, then try again.</source>
        <translation>Dieser Zähler ist noch nicht bekannt. Synchronisieren Sie und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>This device&apos;s clock is wrong. It will be corrected at the next sync.</source>
        <translation>Die Uhr dieses Geräts geht falsch. Sie wird bei der nächsten Synchronisierung korrigiert.</translation>
    </message>
    <message>
        <source>You are not allowed to change this record.</source>
        <translation>Sie dürfen diesen Eintrag nicht ändern.</translation>
    </message>
    <message>
        <source>The device storage is full. Free some space, then save again.</source>
        <translation>Der Gerätespeicher ist voll. Geben Sie Speicherplatz frei und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>The device storage failed to write. Try again.</source>
        <translation>Das Schreiben in den Gerätespeicher ist fehlgeschlagen. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The reading could not be saved on this device.</source>
        <translation>Der Zählerstand konnte auf diesem Gerät nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Type the enrollment code you received.</source>
        <translation>Geben Sie den Registrierungscode ein, den Sie erhalten haben.</translation>
    </message>
    <message>
        <source>Type the server address first.</source>
        <translation>Geben Sie zuerst die Serveradresse ein.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and your connection, then try again.</source>
        <translation>Der Server ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Verbindung und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The server did not accept this code. Check it, or ask your coordinator for a new one.</source>
        <translation>Der Server hat diesen Code nicht angenommen. Prüfen Sie ihn, oder bitten Sie Ihre Koordination um einen neuen.</translation>
    </message>
    <message>
        <source>This enrollment link is damaged. Scan the QR code again, or type the code instead.</source>
        <translation>Dieser Registrierungslink ist beschädigt. Scannen Sie den QR-Code erneut, oder geben Sie stattdessen den Code ein.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate does not match the one in the enrollment code, so this may not be your server. Check the address, or ask your coordinator for a new code.</source>
        <translation>Das Zertifikat des Servers passt nicht zu dem im Registrierungscode. Vielleicht ist das nicht Ihr Server. Prüfen Sie die Adresse, oder bitten Sie Ihre Koordination um einen neuen Code.</translation>
    </message>
    <message>
        <source>This app version is too old for the server. Please update the app.</source>
        <translation>Diese App-Version ist zu alt für den Server. Bitte aktualisieren Sie die App.</translation>
    </message>
    <message>
        <source>This file is not a photo the app can read. Choose a JPEG or PNG image.</source>
        <translation>Diese Datei ist kein Foto, das die App lesen kann. Wählen Sie ein JPEG- oder PNG-Bild.</translation>
    </message>
    <message>
        <source>The photo could not be stored on this device. Free some space, then try again.</source>
        <translation>Das Foto konnte auf diesem Gerät nicht gespeichert werden. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The photo is still being prepared. Save again in a moment.</source>
        <translation>Das Foto wird noch vorbereitet. Speichern Sie gleich noch einmal.</translation>
    </message>
    <message>
        <source>The reading was saved, but without its photo: the photo file could not be read any more.</source>
        <translation>Der Zählerstand wurde gespeichert, aber ohne Foto: Die Fotodatei konnte nicht mehr gelesen werden.</translation>
    </message>
    <message>
        <source>The reading was saved, but its photo could not be stored on this device. Free some space before the next photo.</source>
        <translation>Der Zählerstand wurde gespeichert, sein Foto konnte auf diesem Gerät aber nicht gespeichert werden. Geben Sie vor dem nächsten Foto Speicherplatz frei.</translation>
    </message>
    <message>
        <source>No QR code was found in this image. Choose a sharper screenshot or photo of the code, or type the code.</source>
        <translation>In diesem Bild wurde kein QR-Code gefunden. Wählen Sie einen schärferen Screenshot oder ein schärferes Foto des Codes, oder geben Sie den Code ein.</translation>
    </message>
    <message>
        <source>This file is not an image the app can read. Choose a PNG or JPEG screenshot of the code.</source>
        <translation>Diese Datei ist kein Bild, das die App lesen kann. Wählen Sie einen PNG- oder JPEG-Screenshot des Codes.</translation>
    </message>
    <message>
        <source>This QR code is not a SECAP enrollment code. Scan the code your coordinator shows you, or type the code.</source>
        <translation>Dieser QR-Code ist kein SECAP-Registrierungscode. Scannen Sie den Code, den Ihre Koordination Ihnen zeigt, oder geben Sie den Code ein.</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>Etwas ist schiefgelaufen (%1).</translation>
    </message>
    <message>
        <source>Lignite</source>
        <translation>Braunkohle</translation>
    </message>
    <message>
        <source>Other fossil fuels</source>
        <translation>Andere fossile Brennstoffe</translation>
    </message>
    <message>
        <source>Plant oil</source>
        <translation>Pflanzenöl</translation>
    </message>
    <message>
        <source>Biofuel</source>
        <translation>Biokraftstoffe</translation>
    </message>
    <message>
        <source>Geothermal</source>
        <translation>Geothermie</translation>
    </message>
    <message>
        <source>A published inventory must be a BEI or an MEI.</source>
        <translation>Ein veröffentlichtes Inventar muss eine Basis-Emissionsbilanz (BEI) oder eine Monitoring-Bilanz (MEI) sein.</translation>
    </message>
    <message>
        <source>A figure of the inventory is not a valid number. Check the file.</source>
        <translation>Ein Wert des Inventars ist keine gültige Zahl. Prüfen Sie die Datei.</translation>
    </message>
    <message>
        <source>A line of the inventory has a sector or carrier the Covenant template does not have.</source>
        <translation>Eine Zeile des Inventars hat einen Sektor oder Energieträger, den die Vorlage des Konvents der Bürgermeister nicht kennt.</translation>
    </message>
    <message>
        <source>The inventory&apos;s municipality is not known here.</source>
        <translation>Die Kommune dieses Inventars ist hier nicht bekannt.</translation>
    </message>
    <message>
        <source>The inventory this one corrects is not known here. Sync, then try again.</source>
        <translation>Das Inventar, das hiermit korrigiert wird, ist hier nicht bekannt. Synchronisieren Sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The municipality of this emission factor is not known here.</source>
        <translation>Die Kommune dieses Emissionsfaktors ist hier nicht bekannt.</translation>
    </message>
    <message>
        <source>1 measure</source>
        <translation>1 Maßnahme</translation>
    </message>
    <message numerus="yes">
        <source>%n measures</source>
        <translation>
            <numerusform>%n Maßnahme</numerusform>
            <numerusform>%n Maßnahmen</numerusform>
        </translation>
    </message>
    <message>
        <source>1 update</source>
        <translation>1 Meldung</translation>
    </message>
    <message numerus="yes">
        <source>%n updates</source>
        <translation>
            <numerusform>%n Meldung</numerusform>
            <numerusform>%n Meldungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Ongoing</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>Verschoben</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht begonnen</translation>
    </message>
    <message>
        <source>Adaptation</source>
        <translation>Klimaanpassung</translation>
    </message>
    <message>
        <source>Mitigation</source>
        <translation>Klimaschutz</translation>
    </message>
    <message>
        <source>Municipal buildings and equipment</source>
        <translation>Kommunale Gebäude und Anlagen</translation>
    </message>
    <message>
        <source>Tertiary buildings</source>
        <translation>Gebäude des tertiären Sektors</translation>
    </message>
    <message>
        <source>Residential buildings</source>
        <translation>Wohngebäude</translation>
    </message>
    <message>
        <source>Public lighting</source>
        <translation>Öffentliche Beleuchtung</translation>
    </message>
    <message>
        <source>Industry (non-ETS)</source>
        <translation>Industrie (außerhalb ETS)</translation>
    </message>
    <message>
        <source>Industry (ETS)</source>
        <translation>Industrie (ETS)</translation>
    </message>
    <message>
        <source>Municipal fleet</source>
        <translation>Kommunaler Fuhrpark</translation>
    </message>
    <message>
        <source>Public transport</source>
        <translation>Öffentlicher Verkehr</translation>
    </message>
    <message>
        <source>Private and commercial transport</source>
        <translation>Privat- und Wirtschaftsverkehr</translation>
    </message>
    <message>
        <source>Agriculture, forestry, fisheries</source>
        <translation>Land-, Forst- und Fischereiwirtschaft</translation>
    </message>
    <message>
        <source>Local electricity production</source>
        <translation>Lokale Stromerzeugung</translation>
    </message>
    <message>
        <source>Local heat/cold production</source>
        <translation>Lokale Wärme-/Kälteerzeugung</translation>
    </message>
    <message>
        <source>Building envelope</source>
        <translation>Gebäudehülle</translation>
    </message>
    <message>
        <source>Energy-efficient lighting</source>
        <translation>Effiziente Beleuchtung</translation>
    </message>
    <message>
        <source>Photovoltaics</source>
        <translation>Photovoltaik</translation>
    </message>
    <message>
        <source>Heat pumps</source>
        <translation>Wärmepumpen</translation>
    </message>
    <message>
        <source>Water management</source>
        <translation>Wassermanagement</translation>
    </message>
    <message>
        <source>Renewables for heating</source>
        <translation>Erneuerbare Wärme</translation>
    </message>
    <message>
        <source>Low-emission vehicles</source>
        <translation>Emissionsarme Fahrzeuge</translation>
    </message>
    <message>
        <source>Green infrastructure</source>
        <translation>Grüne Infrastruktur</translation>
    </message>
    <message>
        <source>District heating</source>
        <translation>Fernwärmenetze</translation>
    </message>
    <message>
        <source>Information and communication technologies</source>
        <translation>Informations- und Kommunikationstechnologien</translation>
    </message>
    <message>
        <source>Behavioural changes</source>
        <translation>Verhaltensänderungen</translation>
    </message>
    <message>
        <source>Grants and subsidies</source>
        <translation>Förderprogramme</translation>
    </message>
    <message>
        <source>Public procurement</source>
        <translation>Öffentliche Beschaffung</translation>
    </message>
    <message>
        <source>Awareness raising</source>
        <translation>Bewusstseinsbildung</translation>
    </message>
    <message>
        <source>Energy management</source>
        <translation>Energiemanagement</translation>
    </message>
    <message>
        <source>Building standards</source>
        <translation>Baustandards</translation>
    </message>
    <message>
        <source>Third-party financing, PPP</source>
        <translation>Drittfinanzierung, ÖPP</translation>
    </message>
    <message>
        <source>Land use planning</source>
        <translation>Flächennutzungsplanung</translation>
    </message>
    <message>
        <source>Trees planted</source>
        <translation>Gepflanzte Bäume</translation>
    </message>
    <message>
        <source>Green roof area</source>
        <translation>Gründachfläche</translation>
    </message>
    <message>
        <source>Rainwater retained</source>
        <translation>Zurückgehaltenes Regenwasser</translation>
    </message>
    <message>
        <source>Insulated area</source>
        <translation>Gedämmte Fläche</translation>
    </message>
    <message>
        <source>Luminaires replaced</source>
        <translation>Getauschte Leuchten</translation>
    </message>
    <message>
        <source>Installed power</source>
        <translation>Installierte Leistung</translation>
    </message>
    <message>
        <source>Heat pump capacity</source>
        <translation>Wärmepumpenleistung</translation>
    </message>
    <message>
        <source>Buses delivered</source>
        <translation>Gelieferte Busse</translation>
    </message>
    <message>
        <source>Boilers replaced</source>
        <translation>Getauschte Heizkessel</translation>
    </message>
    <message>
        <source>Choose where the measure stands.</source>
        <translation>Wählen Sie den Status der Maßnahme.</translation>
    </message>
    <message>
        <source>Percent complete must be between 0 and 100.</source>
        <translation>Der Umsetzungsstand muss zwischen 0 und 100 % liegen.</translation>
    </message>
    <message>
        <source>The amount spent cannot be negative, and every indicator needs a name and a number.</source>
        <translation>Der ausgegebene Betrag kann nicht negativ sein, und jeder Indikator braucht einen Namen und eine Zahl.</translation>
    </message>
    <message>
        <source>An indicator needs a name and a number. Fill both in, or clear the row.</source>
        <translation>Ein Indikator braucht einen Namen und eine Zahl. Füllen Sie beides aus, oder leeren Sie die Zeile.</translation>
    </message>
    <message>
        <source>The progress update has no date. Check the date and time of this device.</source>
        <translation>Die Fortschrittsmeldung hat kein Datum. Prüfen Sie Datum und Uhrzeit dieses Geräts.</translation>
    </message>
    <message>
        <source>This measure is not known yet. Sync, then try again.</source>
        <translation>Diese Maßnahme ist noch nicht bekannt. Synchronisieren Sie und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>This app sent a field the server does not know. Update the app, then send again.</source>
        <translation>Diese App hat ein Feld gesendet, das der Server nicht kennt. Aktualisieren Sie die App und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>The record does not say where it belongs. Discard it and enter it again.</source>
        <translation>Der Eintrag gibt nicht an, wozu er gehört. Verwerfen Sie ihn und geben Sie ihn neu ein.</translation>
    </message>
    <message>
        <source>The record was damaged on the way. Discard it and enter it again.</source>
        <translation>Der Eintrag wurde bei der Übertragung beschädigt. Verwerfen Sie ihn und geben Sie ihn neu ein.</translation>
    </message>
    <message>
        <source>This record cannot be changed once sent. Enter a new one that corrects it.</source>
        <translation>Dieser Eintrag kann nach dem Senden nicht mehr geändert werden. Geben Sie einen neuen ein, der ihn korrigiert.</translation>
    </message>
    <message>
        <source>The municipality has no name. Add it and save again.</source>
        <translation>Die Kommune hat keinen Namen. Ergänzen Sie ihn und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>The site&apos;s municipality is not known yet. Sync, then send again.</source>
        <translation>Die Kommune der Liegenschaft ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>The meter&apos;s site is not known yet. Sync, then send again.</source>
        <translation>Die Liegenschaft des Zählers ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>The meter&apos;s multiplier must be a number not below zero.</source>
        <translation>Der Multiplikator des Zählers muss eine Zahl von mindestens null sein.</translation>
    </message>
    <message>
        <source>A meter has between 0 and 15 register digits.</source>
        <translation>Ein Zähler hat zwischen 0 und 15 Stellen im Zählwerk.</translation>
    </message>
    <message>
        <source>A review must confirm the reading or mark it wrong.</source>
        <translation>Eine Prüfung muss den Zählerstand bestätigen oder als falsch markieren.</translation>
    </message>
    <message>
        <source>The reviewed reading has not reached the server yet. Sync, then send again.</source>
        <translation>Der geprüfte Zählerstand ist noch nicht beim Server angekommen. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>The planned end is before the planned start. Check the dates.</source>
        <translation>Das geplante Ende liegt vor dem geplanten Beginn. Prüfen Sie Start- und Enddatum.</translation>
    </message>
    <message>
        <source>A budget or expected figure of the measure is not a valid number.</source>
        <translation>Das Budget oder ein erwarteter Wert der Maßnahme ist keine gültige Zahl.</translation>
    </message>
    <message>
        <source>The measure&apos;s municipality is not known yet. Sync, then send again.</source>
        <translation>Die Kommune der Maßnahme ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>The inspection is still a draft. Submit it first.</source>
        <translation>Die Begehung ist noch ein Entwurf. Reichen Sie sie zuerst ein.</translation>
    </message>
    <message>
        <source>This inspection was submitted already and cannot change. Start an amendment instead.</source>
        <translation>Diese Begehung wurde bereits eingereicht und kann nicht mehr geändert werden. Legen Sie stattdessen eine Korrektur an.</translation>
    </message>
    <message>
        <source>The inspection&apos;s dates do not fit. Check the date and time of this device.</source>
        <translation>Die Zeitangaben der Begehung passen nicht zusammen. Prüfen Sie Datum und Uhrzeit dieses Geräts.</translation>
    </message>
    <message>
        <source>The position recorded with the inspection is not valid. Take the position again.</source>
        <translation>Die bei der Begehung erfasste Position ist ungültig. Bestimmen Sie die Position erneut.</translation>
    </message>
    <message>
        <source>Choose the inspection&apos;s outcome before submitting.</source>
        <translation>Wählen Sie vor dem Einreichen das Ergebnis der Begehung.</translation>
    </message>
    <message>
        <source>The inspected site is not known yet. Sync, then send again.</source>
        <translation>Die Liegenschaft der Begehung ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>The inspected measure is not known yet. Sync, then send again.</source>
        <translation>Die Maßnahme der Begehung ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>The checklist of this inspection is not known yet. Sync, then send again.</source>
        <translation>Die Checkliste dieser Begehung ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>A checklist&apos;s version must be 1 or more.</source>
        <translation>Die Version einer Checkliste muss 1 oder höher sein.</translation>
    </message>
    <message>
        <source>A checklist question has no key, a key used twice, or a minimum above its maximum.</source>
        <translation>Eine Frage der Checkliste hat keinen Schlüssel, einen doppelt verwendeten Schlüssel oder ein Minimum über dem Maximum.</translation>
    </message>
    <message>
        <source>The checklist&apos;s municipality is not known yet. Sync, then send again.</source>
        <translation>Die Kommune der Checkliste ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>The photo&apos;s fingerprint is damaged. Discard it and take the photo again.</source>
        <translation>Die Prüfsumme des Fotos ist beschädigt. Verwerfen Sie es und nehmen Sie das Foto neu auf.</translation>
    </message>
    <message>
        <source>The photo&apos;s size is not valid. Discard it and take the photo again.</source>
        <translation>Die Größe des Fotos ist ungültig. Verwerfen Sie es und nehmen Sie das Foto neu auf.</translation>
    </message>
    <message>
        <source>The photo&apos;s record has not reached the server yet. It will be sent after it.</source>
        <translation>Der Eintrag, zu dem das Foto gehört, ist noch nicht beim Server angekommen. Das Foto wird danach gesendet.</translation>
    </message>
    <message>
        <source>A sent photo cannot change. Add a new photo instead.</source>
        <translation>Ein gesendetes Foto kann nicht mehr geändert werden. Fügen Sie stattdessen ein neues Foto hinzu.</translation>
    </message>
    <message>
        <source>An activity figure is below zero, not a number, or of an impossible year.</source>
        <translation>Ein Aktivitätswert ist kleiner als null, keine Zahl oder einem unmöglichen Jahr zugeordnet.</translation>
    </message>
    <message>
        <source>The municipality of this activity figure is not known yet. Sync, then send again.</source>
        <translation>Die Kommune dieses Aktivitätswerts ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>A person&apos;s role is not one the app knows. Ask your coordinator.</source>
        <translation>Die Rolle dieser Person ist der App nicht bekannt. Fragen Sie Ihre Koordination.</translation>
    </message>
    <message>
        <source>A person&apos;s municipality is not known yet. Sync, then send again.</source>
        <translation>Die Kommune dieser Person ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>A caretaker&apos;s PIN was not stored safely. Set the PIN again.</source>
        <translation>Eine Hausmeister-PIN wurde nicht sicher gespeichert. Legen Sie die PIN neu fest.</translation>
    </message>
    <message>
        <source>A caretaker&apos;s site is not known yet. Sync, then send again.</source>
        <translation>Die Liegenschaft, für die die Hausmeister-PIN gilt, ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>An emission factor is out of range or not a number.</source>
        <translation>Ein Emissionsfaktor liegt außerhalb des zulässigen Bereichs oder ist keine Zahl.</translation>
    </message>
    <message>
        <source>A degree-day figure is out of range or not a number.</source>
        <translation>Eine Gradtagzahl liegt außerhalb des zulässigen Bereichs oder ist keine Zahl.</translation>
    </message>
    <message>
        <source>The municipality of these degree days is not known yet. Sync, then send again.</source>
        <translation>Die Kommune dieser Gradtagzahlen ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>The year or the population is not valid.</source>
        <translation>Das Jahr oder die Einwohnerzahl ist ungültig.</translation>
    </message>
    <message>
        <source>The municipality of this year&apos;s figures is not known yet. Sync, then send again.</source>
        <translation>Die Kommune dieser Jahreswerte ist noch nicht bekannt. Synchronisieren Sie und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>This was fixed or discarded already.</source>
        <translation>Das wurde bereits korrigiert oder verworfen.</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Partially verified</source>
        <translation>Teilweise bestätigt</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Nicht bestätigt</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Nacharbeit nötig</translation>
    </message>
    <message>
        <source>No outcome yet</source>
        <translation>Noch kein Ergebnis</translation>
    </message>
    <message>
        <source>Implemented as planned</source>
        <translation>Wie geplant umgesetzt</translation>
    </message>
    <message>
        <source>Part of it is in place</source>
        <translation>Teilweise umgesetzt</translation>
    </message>
    <message>
        <source>Not in place, or not as planned</source>
        <translation>Nicht oder nicht wie geplant umgesetzt</translation>
    </message>
    <message>
        <source>Defects to fix, or a visit to repeat</source>
        <translation>Mängel zu beheben oder Begehung zu wiederholen</translation>
    </message>
    <message>
        <source>This device gives no position. The inspection is saved without one.</source>
        <translation>Dieses Gerät liefert keine Position. Die Begehung wird ohne Position gespeichert.</translation>
    </message>
    <message>
        <source>Location access is off for this app. Allow it in the system settings, or submit without a position.</source>
        <translation>Der Standortzugriff ist für diese App ausgeschaltet. Erlauben Sie ihn in den Systemeinstellungen, oder reichen Sie ohne Position ein.</translation>
    </message>
    <message>
        <source>No GPS fix yet. Step outside or near a window and try again, or submit without a position.</source>
        <translation>Noch kein GPS-Empfang. Gehen Sie ins Freie oder an ein Fenster und versuchen Sie es erneut, oder reichen Sie ohne Position ein.</translation>
    </message>
    <message>
        <source>The position could not be read. Try again, or submit without a position.</source>
        <translation>Die Position konnte nicht ermittelt werden. Versuchen Sie es erneut, oder reichen Sie ohne Position ein.</translation>
    </message>
    <message>
        <source>A required question of the checklist has no answer. Answer it, then submit.</source>
        <translation>Eine Pflichtfrage der Checkliste ist nicht beantwortet. Beantworten Sie sie und reichen Sie dann ein.</translation>
    </message>
    <message>
        <source>An answer does not fit its question (a number out of range or an option the checklist does not offer). Correct it.</source>
        <translation>Eine Antwort passt nicht zu ihrer Frage (eine Zahl außerhalb des zulässigen Bereichs oder eine Option, die die Checkliste nicht anbietet). Korrigieren Sie sie.</translation>
    </message>
    <message>
        <source>This draft is not on the device any more. It was submitted or discarded.</source>
        <translation>Dieser Entwurf ist nicht mehr auf dem Gerät. Er wurde eingereicht oder verworfen.</translation>
    </message>
    <message>
        <source>A photo of this inspection cannot be read any more. Take it again, then submit.</source>
        <translation>Ein Foto dieser Begehung kann nicht mehr gelesen werden. Nehmen Sie es neu auf und reichen Sie dann ein.</translation>
    </message>
    <message>
        <source>1 question</source>
        <translation>1 Frage</translation>
    </message>
    <message numerus="yes">
        <source>%n questions</source>
        <translation>
            <numerusform>%n Frage</numerusform>
            <numerusform>%n Fragen</numerusform>
        </translation>
    </message>
    <message>
        <source>1 required question not answered</source>
        <translation>1 Pflichtfrage unbeantwortet</translation>
    </message>
    <message numerus="yes">
        <source>%n required questions not answered</source>
        <translation>
            <numerusform>%n Pflichtfrage unbeantwortet</numerusform>
            <numerusform>%n Pflichtfragen unbeantwortet</numerusform>
        </translation>
    </message>
    <message>
        <source>1 answer to correct</source>
        <translation>1 Antwort zu korrigieren</translation>
    </message>
    <message numerus="yes">
        <source>%n answers to correct</source>
        <translation>
            <numerusform>%n Antwort zu korrigieren</numerusform>
            <numerusform>%n Antworten zu korrigieren</numerusform>
        </translation>
    </message>
    <message>
        <source>A measure needs a title.</source>
        <translation>Eine Maßnahme braucht einen Titel.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>SECAP Field</source>
        <translation>SECAP Field</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Liegenschaften</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Reading saved</source>
        <translation>Zählerstand gespeichert</translation>
    </message>
    <message>
        <source>Reading saved on this device. It will sync when online.</source>
        <translation>Zählerstand auf diesem Gerät gespeichert. Er wird synchronisiert, sobald Sie online sind.</translation>
    </message>
    <message>
        <source>Device enrolled. Syncing…</source>
        <translation>Gerät registriert. Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Progress saved</source>
        <translation>Fortschritt gespeichert</translation>
    </message>
    <message>
        <source>Progress saved on this device. It will sync when online.</source>
        <translation>Fortschritt auf diesem Gerät gespeichert. Er wird synchronisiert, sobald Sie online sind.</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Zu prüfen</translation>
    </message>
    <message>
        <source>Inspection submitted</source>
        <translation>Begehung eingereicht</translation>
    </message>
    <message>
        <source>Inspection submitted on this device. It will sync when online.</source>
        <translation>Begehung auf diesem Gerät eingereicht. Sie wird synchronisiert, sobald Sie online sind.</translation>
    </message>
    <message>
        <source>Draft discarded</source>
        <translation>Entwurf verworfen</translation>
    </message>
    <message>
        <source>No meter on this device has the label “%1”. Check the label, or sync and scan again.</source>
        <translation>Kein Zähler auf diesem Gerät hat das Etikett „%1“. Prüfen Sie das Etikett, oder synchronisieren Sie und scannen Sie erneut.</translation>
    </message>
    <message>
        <source>Plan saved</source>
        <translation>Planung gespeichert</translation>
    </message>
</context>
<context>
    <name>MeasureEditPage</name>
    <message>
        <source>Edit plan</source>
        <translation>Planung bearbeiten</translation>
    </message>
    <message>
        <source>The plan of this measure</source>
        <translation>Planung dieser Maßnahme</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Responsible body</source>
        <translation>Zuständige Stelle</translation>
    </message>
    <message>
        <source>Department or company in charge</source>
        <translation>Zuständiges Amt oder Unternehmen</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Geplanter Beginn</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Geplantes Ende</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Budget, in euros</source>
        <translation>Budget in Euro</translation>
    </message>
    <message>
        <source>Expected savings</source>
        <translation>Erwartete Einsparung</translation>
    </message>
    <message>
        <source>MWh/year</source>
        <translation>MWh/Jahr</translation>
    </message>
    <message>
        <source>Expected savings, MWh a year</source>
        <translation>Erwartete Einsparung, MWh pro Jahr</translation>
    </message>
    <message>
        <source>Expected renewable production</source>
        <translation>Erwartete erneuerbare Erzeugung</translation>
    </message>
    <message>
        <source>Expected renewable production, MWh a year</source>
        <translation>Erwartete erneuerbare Erzeugung, MWh pro Jahr</translation>
    </message>
    <message>
        <source>Expected CO₂ reduction</source>
        <translation>Erwartete CO₂-Minderung</translation>
    </message>
    <message>
        <source>t/year</source>
        <translation>t/Jahr</translation>
    </message>
    <message>
        <source>Expected CO₂ reduction, tonnes a year</source>
        <translation>Erwartete CO₂-Minderung, Tonnen pro Jahr</translation>
    </message>
    <message>
        <source>Key action of the plan</source>
        <translation>Schlüsselmaßnahme des Plans</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Planung speichern</translation>
    </message>
    <message>
        <source>Saved on this device and synced; what others changed meanwhile is kept, field by field.</source>
        <translation>Wird auf diesem Gerät gespeichert und synchronisiert; was andere inzwischen geändert haben, bleibt Feld für Feld erhalten.</translation>
    </message>
</context>
<context>
    <name>MeasurePage</name>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Not planned yet</source>
        <translation>Noch nicht geplant</translation>
    </message>
    <message>
        <source>%1 MWh/year</source>
        <translation>%1 MWh/Jahr</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Maßnahme</translation>
    </message>
    <message>
        <source>Unknown measure</source>
        <translation>Unbekannte Maßnahme</translation>
    </message>
    <message>
        <source>Verified on site</source>
        <translation>Vor Ort geprüft</translation>
    </message>
    <message>
        <source>Key action</source>
        <translation>Schlüsselmaßnahme</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>umgesetzt</translation>
    </message>
    <message>
        <source>Last update %1</source>
        <translation>Letzte Meldung am %1</translation>
    </message>
    <message>
        <source>No progress reported yet</source>
        <translation>Noch kein Fortschritt gemeldet</translation>
    </message>
    <message>
        <source>Add progress</source>
        <translation>Fortschritt melden</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Handlungsfeld</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Politikinstrument</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>In operation since</source>
        <translation>In Betrieb seit</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Liegenschaft</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Liegenschaften</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Finanzierung</translation>
    </message>
    <message>
        <source>Budget and results</source>
        <translation>Budget und Ergebnisse</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>Spent so far</source>
        <translation>Bisher ausgegeben</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>Nicht gemeldet</translation>
    </message>
    <message>
        <source>Expected savings</source>
        <translation>Erwartete Einsparungen</translation>
    </message>
    <message>
        <source>Expected renewable energy</source>
        <translation>Erwartete erneuerbare Erzeugung</translation>
    </message>
    <message>
        <source>Expected CO₂ cut</source>
        <translation>Erwartete CO₂-Minderung</translation>
    </message>
    <message>
        <source>%1 t/year</source>
        <translation>%1 t/Jahr</translation>
    </message>
    <message>
        <source>Measured savings</source>
        <translation>Gemessene Einsparungen</translation>
    </message>
    <message>
        <source>(%1 % of expected)</source>
        <translation>(%1 % der erwarteten)</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>Wird berechnet…</translation>
    </message>
    <message>
        <source>Not measurable yet</source>
        <translation>Noch nicht messbar</translation>
    </message>
    <message>
        <source>Progress history (%1)</source>
        <translation>Umsetzungsverlauf (%1)</translation>
    </message>
    <message>
        <source>Progress history</source>
        <translation>Umsetzungsverlauf</translation>
    </message>
    <message>
        <source>%1 % done</source>
        <translation>%1 % umgesetzt</translation>
    </message>
    <message>
        <source>Spent %1</source>
        <translation>Ausgegeben: %1</translation>
    </message>
    <message>
        <source>Show the photo</source>
        <translation>Foto anzeigen</translation>
    </message>
    <message>
        <source>Add the first update when work starts: its status, what was spent and a photo.</source>
        <translation>Melden Sie den ersten Stand, sobald die Arbeiten beginnen: Status, Ausgaben und ein Foto.</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>Begehung starten</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit the plan of this measure</source>
        <translation>Planung dieser Maßnahme bearbeiten</translation>
    </message>
</context>
<context>
    <name>MeasuresPage</name>
    <message>
        <source>Measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <source>Search measures, codes or sectors</source>
        <translation>Maßnahme, Nummer oder Sektor suchen</translation>
    </message>
    <message>
        <source>Search measures</source>
        <translation>Maßnahmen suchen</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Nach Status filtern</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>%1 % done</source>
        <translation>%1 % umgesetzt</translation>
    </message>
    <message>
        <source>Key action</source>
        <translation>Schlüsselmaßnahme</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>No matching measures</source>
        <translation>Keine passenden Maßnahmen</translation>
    </message>
    <message>
        <source>No measures yet</source>
        <translation>Noch keine Maßnahmen</translation>
    </message>
    <message>
        <source>Try another word, or show all statuses.</source>
        <translation>Versuchen Sie ein anderes Wort, oder zeigen Sie alle Status an.</translation>
    </message>
    <message>
        <source>The measures of your action plan appear here after the first sync with the server.</source>
        <translation>Die Maßnahmen Ihres Aktionsplans erscheinen hier nach der ersten Synchronisierung mit dem Server.</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>Alle Sektoren</translation>
    </message>
    <message>
        <source>Filter by sector</source>
        <translation>Nach Sektor filtern</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sektor</translation>
    </message>
</context>
<context>
    <name>MeterPage</name>
    <message>
        <source>Meter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Meter %1</source>
        <translation>Zähler %1</translation>
    </message>
    <message>
        <source>Choose a photo of the meter</source>
        <translation>Foto des Zählers auswählen</translation>
    </message>
    <message>
        <source>Unknown meter</source>
        <translation>Unbekannter Zähler</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Nr. %1</translation>
    </message>
    <message>
        <source>cumulative</source>
        <translation>fortlaufend</translation>
    </message>
    <message>
        <source>per period</source>
        <translation>je Zeitraum</translation>
    </message>
    <message>
        <source>Previous: &lt;b&gt;%1&lt;/b&gt; on %2</source>
        <translation>Zuletzt: &lt;b&gt;%1&lt;/b&gt; am %2</translation>
    </message>
    <message>
        <source>No previous reading. This will be the first.</source>
        <translation>Noch kein Zählerstand vorhanden. Dies wird der erste.</translation>
    </message>
    <message>
        <source>Previous: %1 on %2</source>
        <translation>Zuletzt: %1 am %2</translation>
    </message>
    <message>
        <source>New reading</source>
        <translation>Neuer Zählerstand</translation>
    </message>
    <message>
        <source>New reading in %1</source>
        <translation>Neuer Zählerstand in %1</translation>
    </message>
    <message>
        <source>Type digits only, e.g. %1</source>
        <translation>Nur Ziffern eingeben, z. B. %1</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1 seit %2</translation>
    </message>
    <message>
        <source>Choose a photo of the meter from your files</source>
        <translation>Ein Foto des Zählers aus Ihren Dateien auswählen</translation>
    </message>
    <message>
        <source>Lower than the last reading %1 on %2. Check the digits, or save it anyway if the meter really shows this.</source>
        <translation>Niedriger als der letzte Zählerstand vom %2 (%1). Prüfen Sie die Ziffern, oder speichern Sie trotzdem, wenn der Zähler wirklich diesen Wert zeigt.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <source>Save reading</source>
        <translation>Zählerstand speichern</translation>
    </message>
    <message>
        <source>Saved on this device first, then sent to the server.</source>
        <translation>Wird zuerst auf diesem Gerät gespeichert und dann an den Server gesendet.</translation>
    </message>
    <message>
        <source>You are offline. Readings are saved on this device and sync later.</source>
        <translation>Sie sind offline. Zählerstände werden auf diesem Gerät gespeichert und später synchronisiert.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Photo of the reading of %1</source>
        <translation>Foto des Zählerstands vom %1</translation>
    </message>
    <message>
        <source>No readings yet.</source>
        <translation>Noch keine Zählerstände.</translation>
    </message>
    <message>
        <source>Monthly use over the last 12 months, each beside the same month a year before</source>
        <translation>Monatsverbrauch der letzten 12 Monate, jeder neben demselben Monat ein Jahr zuvor</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>A year before</source>
        <translation>Ein Jahr zuvor</translation>
    </message>
</context>
<context>
    <name>MonthField</name>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source>month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>year</source>
        <translation>Jahr</translation>
    </message>
</context>
<context>
    <name>OutcomeChip</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
</context>
<context>
    <name>PercentBar</name>
    <message>
        <source>%1 % done</source>
        <translation>%1 % umgesetzt</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>Nicht gemeldet</translation>
    </message>
</context>
<context>
    <name>PhotoField</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Foto auswählen</translation>
    </message>
    <message>
        <source>Choose a photo from your files</source>
        <translation>Ein Foto aus Ihren Dateien auswählen</translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.webp *.bmp)</source>
        <translation>Bilder (*.jpg *.jpeg *.png *.webp *.bmp)</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Take photo</source>
        <translation>Foto aufnehmen</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Datei auswählen…</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>Foto hinzufügen…</translation>
    </message>
    <message>
        <source>No camera found on this device: choose a photo file instead.</source>
        <translation>Auf diesem Gerät wurde keine Kamera gefunden: Wählen Sie stattdessen eine Fotodatei.</translation>
    </message>
    <message>
        <source>Preparing the photo…</source>
        <translation>Foto wird vorbereitet…</translation>
    </message>
    <message>
        <source>Show the attached photo</source>
        <translation>Angehängtes Foto anzeigen</translation>
    </message>
    <message>
        <source>Photo attached</source>
        <translation>Foto angehängt</translation>
    </message>
    <message>
        <source>%1 × %2 px, %3</source>
        <translation>%1 × %2 px, %3</translation>
    </message>
    <message>
        <source>Keep full size</source>
        <translation>Volle Größe behalten</translation>
    </message>
    <message>
        <source>Send every pixel instead of a smaller copy. Uses more mobile data.</source>
        <translation>Sendet jedes Pixel statt einer kleineren Kopie. Verbraucht mehr mobile Daten.</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Ersetzen…</translation>
    </message>
    <message>
        <source>Replace the attached photo</source>
        <translation>Angehängtes Foto ersetzen</translation>
    </message>
    <message>
        <source>Take another photo</source>
        <translation>Neues Foto aufnehmen</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Datei auswählen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the attached photo</source>
        <translation>Angehängtes Foto entfernen</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Close photo</source>
        <translation>Foto schließen</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>SECAP Field</source>
        <translation>SECAP Field</translation>
    </message>
    <message>
        <source>Choose a site</source>
        <translation>Liegenschaft auswählen</translation>
    </message>
    <message>
        <source>Pick a site on the left to see its meters and enter readings.</source>
        <translation>Wählen Sie links eine Liegenschaft, um ihre Zähler zu sehen und Zählerstände einzugeben.</translation>
    </message>
    <message>
        <source>Choose a measure</source>
        <translation>Maßnahme auswählen</translation>
    </message>
    <message>
        <source>Pick a measure on the left to see where it stands and add its progress.</source>
        <translation>Wählen Sie links eine Maßnahme, um ihren Stand zu sehen und Fortschritt zu melden.</translation>
    </message>
</context>
<context>
    <name>ProgressFormPage</name>
    <message>
        <source>Scaffolding removed on the south side; windows fitted on the ground floor.</source>
        <translation>Gerüst an der Südseite abgebaut; Fenster im Erdgeschoss eingebaut.</translation>
    </message>
    <message>
        <source>Add progress</source>
        <translation>Fortschritt melden</translation>
    </message>
    <message>
        <source>Now: %1, last update %2</source>
        <translation>Aktuell: %1, letzte Meldung am %2</translation>
    </message>
    <message>
        <source>First progress report</source>
        <translation>Erste Fortschrittsmeldung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Percent complete</source>
        <translation>Umsetzungsstand</translation>
    </message>
    <message>
        <source>Percent complete, 0 to 100</source>
        <translation>Umsetzungsstand in Prozent, 0 bis 100</translation>
    </message>
    <message>
        <source>Spent so far</source>
        <translation>Bisher ausgegeben</translation>
    </message>
    <message>
        <source>Spent so far, in euros</source>
        <translation>Bisher ausgegeben, in Euro</translation>
    </message>
    <message>
        <source>In total since the start, of a budget of %1</source>
        <translation>Insgesamt seit Beginn, bei einem Budget von %1</translation>
    </message>
    <message>
        <source>In total since the start</source>
        <translation>Insgesamt seit Beginn</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>What was done, what is holding it up</source>
        <translation>Was erledigt ist, was die Arbeiten aufhält</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Indikatoren</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Name, e.g. bike racks</source>
        <translation>Name, z. B. Fahrradständer</translation>
    </message>
    <message>
        <source>Indicator name</source>
        <translation>Name des Indikators</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Wert für %1</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Remove indicator</source>
        <translation>Indikator entfernen</translation>
    </message>
    <message>
        <source>Add indicator</source>
        <translation>Indikator hinzufügen</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Anderer…</translation>
    </message>
    <message>
        <source>Choose a photo of the work</source>
        <translation>Foto der Arbeiten auswählen</translation>
    </message>
    <message>
        <source>Choose a photo of the work from your files</source>
        <translation>Ein Foto der Arbeiten aus Ihren Dateien auswählen</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Save progress</source>
        <translation>Fortschritt speichern</translation>
    </message>
    <message>
        <source>You are offline. The update is saved on this device and syncs later.</source>
        <translation>Sie sind offline. Die Meldung wird auf diesem Gerät gespeichert und später synchronisiert.</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>%1 t CO₂</source>
        <translation>%1 t CO₂</translation>
    </message>
    <message>
        <source>%1 t per inhabitant</source>
        <translation>%1 t je Einwohner</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>No progress to show yet</source>
        <translation>Noch kein Fortschritt anzuzeigen</translation>
    </message>
    <message>
        <source>The municipality&apos;s inventories and measures appear here after the first sync.</source>
        <translation>Die Bilanzen und Maßnahmen der Kommune erscheinen hier nach der ersten Synchronisierung.</translation>
    </message>
    <message>
        <source>No baseline inventory yet</source>
        <translation>Noch keine Basis-Emissionsbilanz</translation>
    </message>
    <message>
        <source>Progress is measured against the baseline emission inventory (BEI). Your coordinator adds it on the server.</source>
        <translation>Der Fortschritt wird an der Basis-Emissionsbilanz (BEI) gemessen. Ihre Koordination legt sie auf dem Server an.</translation>
    </message>
    <message>
        <source>Target: −%1 % by %2 against %3</source>
        <translation>Ziel: −%1 % bis %2 gegenüber %3</translation>
    </message>
    <message>
        <source>Emissions down %1 since %2</source>
        <translation>Emissionen seit %2 um %1 gesunken</translation>
    </message>
    <message>
        <source>emissions in %1 against %2</source>
        <translation>Emissionen %1 gegenüber %2</translation>
    </message>
    <message>
        <source>No monitoring inventory (MEI) yet: the reduction shows once there is one.</source>
        <translation>Noch keine Monitoring-Bilanz (MEI): Die Minderung erscheint, sobald es eine gibt.</translation>
    </message>
    <message>
        <source>On track: the path to the target asks for −%1 % by %2.</source>
        <translation>Im Plan: Der Pfad zum Ziel sieht bis %2 −%1 % vor.</translation>
    </message>
    <message>
        <source>Behind the path: it asks for −%1 % by %2.</source>
        <translation>Hinter dem Pfad: Dieser sieht bis %2 −%1 % vor.</translation>
    </message>
    <message>
        <source>Emissions, t CO₂</source>
        <translation>Emissionen, t CO₂</translation>
    </message>
    <message>
        <source>Baseline %1: %2; latest %3: %4; target %5: %6</source>
        <translation>Ausgangsjahr %1: %2; Stand %3: %4; Ziel %5: %6</translation>
    </message>
    <message>
        <source>Baseline (BEI)</source>
        <translation>Basis-Emissionsbilanz (BEI)</translation>
    </message>
    <message>
        <source>Monitoring (MEI)</source>
        <translation>Monitoring-Bilanz (MEI)</translation>
    </message>
    <message>
        <source>Path to the target</source>
        <translation>Pfad zum Ziel</translation>
    </message>
    <message>
        <source>Inventories</source>
        <translation>Bilanzen</translation>
    </message>
    <message>
        <source>Baseline %1</source>
        <translation>Ausgangsjahr %1</translation>
    </message>
    <message>
        <source>as submitted, locked</source>
        <translation>wie eingereicht, gesperrt</translation>
    </message>
    <message>
        <source>Latest %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <source>as submitted</source>
        <translation>wie eingereicht</translation>
    </message>
    <message>
        <source>computed from the data</source>
        <translation>aus den Daten berechnet</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>Ziel %1</translation>
    </message>
    <message>
        <source>Climate neutral by %1</source>
        <translation>Klimaneutral bis %1</translation>
    </message>
    <message>
        <source>%1 still to cut</source>
        <translation>Noch %1 zu senken</translation>
    </message>
    <message>
        <source>%1 a year</source>
        <translation>%1 pro Jahr</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Spent so far</source>
        <translation>Bisher ausgegeben</translation>
    </message>
    <message>
        <source>Expected savings</source>
        <translation>Erwartete Einsparungen</translation>
    </message>
    <message>
        <source>%1 MWh/year</source>
        <translation>%1 MWh/Jahr</translation>
    </message>
    <message>
        <source>Measured savings</source>
        <translation>Gemessene Einsparungen</translation>
    </message>
    <message>
        <source>Verified on site</source>
        <translation>Vor Ort geprüft</translation>
    </message>
    <message>
        <source>Computed on this device from the data synced so far, with the same calculation as the server&apos;s report.</source>
        <translation>Auf diesem Gerät aus den bisher synchronisierten Daten berechnet, mit derselben Berechnung wie der Bericht des Servers.</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Clear search</source>
        <translation>Suche löschen</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Connected to the server</source>
        <translation>Mit dem Server verbunden</translation>
    </message>
    <message>
        <source>Offline: changes wait on this device</source>
        <translation>Offline: Änderungen warten auf diesem Gerät</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Noch nicht gesendet</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Nichts</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Zu prüfen</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Letztes Problem</translation>
    </message>
    <message>
        <source>Photos to send</source>
        <translation>Ausstehende Fotos</translation>
    </message>
    <message>
        <source>%1, waiting for Wi-Fi</source>
        <translation>%1, Warten auf WLAN</translation>
    </message>
    <message>
        <source>Send photos only on Wi-Fi</source>
        <translation>Fotos nur über WLAN senden</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Apply server address</source>
        <translation>Serveradresse übernehmen</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Waiting for the first sync</source>
        <translation>Wartet auf die erste Synchronisierung</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Nicht registriert</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über die App</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>SECAP Field helps municipalities monitor their Sustainable Energy and Climate Action Plans under the EU Covenant of Mayors.</source>
        <translation>SECAP Field hilft Kommunen, die Umsetzung ihrer Aktionspläne für nachhaltige Energie und Klima (SECAP) im Rahmen des EU-Konvents der Bürgermeister zu verfolgen.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Also the format of numbers and dates.</source>
        <translation>Gilt auch für das Format von Zahlen und Datumsangaben.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie im System</translation>
    </message>
    <message>
        <source>Export logs</source>
        <translation>Protokoll exportieren</translation>
    </message>
    <message>
        <source>Save a report of this device and its log, to send to your coordinator</source>
        <translation>Einen Bericht über dieses Gerät und sein Protokoll speichern, um ihn an Ihre Koordination zu senden</translation>
    </message>
    <message>
        <source>Report saved: %1. Send this file to your coordinator.</source>
        <translation>Bericht gespeichert: %1. Senden Sie diese Datei an Ihre Koordination.</translation>
    </message>
    <message>
        <source>The report could not be saved. Free some space, then try again.</source>
        <translation>Der Bericht konnte nicht gespeichert werden. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>Site</source>
        <translation>Liegenschaft</translation>
    </message>
    <message>
        <source>Unknown site</source>
        <translation>Unbekannte Liegenschaft</translation>
    </message>
    <message>
        <source>%1 m² heated</source>
        <translation>%1 m² beheizt</translation>
    </message>
    <message>
        <source>Built %1</source>
        <translation>Baujahr %1</translation>
    </message>
    <message>
        <source>Meters (%1)</source>
        <translation>Zähler (%1)</translation>
    </message>
    <message>
        <source>Meters</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Nr. %1</translation>
    </message>
    <message>
        <source>No serial number</source>
        <translation>Keine Seriennummer</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Ausgebaut</translation>
    </message>
    <message>
        <source>No readings</source>
        <translation>Kein Zählerstand</translation>
    </message>
    <message>
        <source>No meters at this site</source>
        <translation>Keine Zähler in dieser Liegenschaft</translation>
    </message>
    <message>
        <source>Meters appear here once the coordinator adds them and the device syncs.</source>
        <translation>Zähler erscheinen hier, sobald die Koordination sie angelegt hat und das Gerät synchronisiert wurde.</translation>
    </message>
    <message>
        <source>Measures here (%1)</source>
        <translation>Maßnahmen hier (%1)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>SitesPage</name>
    <message>
        <source>Sites</source>
        <translation>Liegenschaften</translation>
    </message>
    <message>
        <source>Search sites or addresses</source>
        <translation>Liegenschaft oder Adresse suchen</translation>
    </message>
    <message>
        <source>Search sites</source>
        <translation>Liegenschaften suchen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>No meters</source>
        <translation>Keine Zähler</translation>
    </message>
    <message>
        <source>No matching sites</source>
        <translation>Keine passenden Liegenschaften</translation>
    </message>
    <message>
        <source>No sites yet</source>
        <translation>Noch keine Liegenschaften</translation>
    </message>
    <message>
        <source>Try another name or street.</source>
        <translation>Versuchen Sie einen anderen Namen oder eine andere Straße.</translation>
    </message>
    <message>
        <source>Sites appear here after the first sync with the server.</source>
        <translation>Liegenschaften erscheinen hier nach der ersten Synchronisierung mit dem Server.</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Alle Liegenschaften</translation>
    </message>
    <message>
        <source>Due this month  %1</source>
        <translation>Diesen Monat fällig  %1</translation>
    </message>
    <message>
        <source>Due this month</source>
        <translation>Diesen Monat fällig</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Nr. %1</translation>
    </message>
    <message>
        <source>No serial number</source>
        <translation>Keine Seriennummer</translation>
    </message>
    <message>
        <source>Never read</source>
        <translation>Noch nie abgelesen</translation>
    </message>
    <message>
        <source>All read this month</source>
        <translation>Diesen Monat alles abgelesen</translation>
    </message>
    <message>
        <source>Every meter read on site has a reading since the first of the month.</source>
        <translation>Jeder vor Ort abgelesene Zähler hat einen Zählerstand seit dem Monatsersten.</translation>
    </message>
    <message>
        <source>Scan a meter&apos;s label</source>
        <translation>Zähleretikett scannen</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Update required</source>
        <translation>Aktualisierung nötig</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Nicht registriert</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>All synced</source>
        <translation>Alles synchronisiert</translation>
    </message>
</context>
<context>
    <name>secap::field::AppController</name>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Nie synchronisiert</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>Gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>Synced %n min ago</source>
        <translation>
            <numerusform>Vor %n Min.</numerusform>
            <numerusform>Vor %n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>Heute um %1</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>Am %1</translation>
    </message>
    <message>
        <source>Unknown site</source>
        <translation>Unbekannte Liegenschaft</translation>
    </message>
</context>
</TS>
