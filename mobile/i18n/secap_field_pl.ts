<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>CameraSheet</name>
    <message>
        <source>Scan the QR code</source>
        <translation>Zeskanuj kod QR</translation>
    </message>
    <message>
        <source>Photo of the meter</source>
        <translation>Zdjęcie licznika</translation>
    </message>
    <message>
        <source>Hold the code inside the frame. It is read by itself.</source>
        <translation>Umieść kod w ramce. Zostanie odczytany automatycznie.</translation>
    </message>
    <message>
        <source>Fit the register and the serial number into the picture.</source>
        <translation>Zmieść na zdjęciu wskazanie licznika i jego numer seryjny.</translation>
    </message>
    <message>
        <source>The camera could not be started: %1</source>
        <translation>Nie udało się uruchomić aparatu: %1</translation>
    </message>
    <message>
        <source>The photo could not be taken: %1</source>
        <translation>Nie udało się zrobić zdjęcia: %1</translation>
    </message>
    <message>
        <source>Close camera</source>
        <translation>Zamknij aparat</translation>
    </message>
    <message>
        <source>Choose an image of the code…</source>
        <translation>Wybierz obraz z kodem…</translation>
    </message>
    <message>
        <source>Choose a photo file…</source>
        <translation>Wybierz plik ze zdjęciem…</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>Uruchamianie aparatu…</translation>
    </message>
    <message>
        <source>Take the photo</source>
        <translation>Zrób zdjęcie</translation>
    </message>
    <message>
        <source>Choose an image instead…</source>
        <translation>Zamiast tego wybierz obraz…</translation>
    </message>
    <message>
        <source>No camera was found on this device.</source>
        <translation>Nie znaleziono aparatu w tym urządzeniu.</translation>
    </message>
    <message>
        <source>The camera did not start. Close other apps that use it, or choose a file instead.</source>
        <translation>Aparat się nie uruchomił. Zamknij inne aplikacje, które go używają, albo wybierz plik.</translation>
    </message>
    <message>
        <source>Scan the meter&apos;s label</source>
        <translation>Zeskanuj etykietę licznika</translation>
    </message>
</context>
<context>
    <name>ChecklistItem</name>
    <message>
        <source>Between %1 and %2%3</source>
        <translation>Od %1 do %2%3</translation>
    </message>
    <message>
        <source>At least %1%2</source>
        <translation>Co najmniej %1%2</translation>
    </message>
    <message>
        <source>At most %1%2</source>
        <translation>Co najwyżej %1%2</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Wymagane</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Tak</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>That is not a number.</source>
        <translation>To nie jest liczba.</translation>
    </message>
    <message>
        <source>Type here</source>
        <translation>Wpisz tutaj</translation>
    </message>
    <message>
        <source>Show the photo</source>
        <translation>Pokaż zdjęcie</translation>
    </message>
    <message>
        <source>Photo attached</source>
        <translation>Zdjęcie dołączone</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Remove the photo of this question</source>
        <translation>Usuń zdjęcie dołączone do tego pytania</translation>
    </message>
    <message>
        <source>This question needs an answer.</source>
        <translation>To pytanie wymaga odpowiedzi.</translation>
    </message>
</context>
<context>
    <name>EnrollmentPage</name>
    <message>
        <source>Enroll device</source>
        <translation>Zarejestruj urządzenie</translation>
    </message>
    <message>
        <source>Choose a screenshot or photo of the QR code</source>
        <translation>Wybierz zrzut ekranu lub zdjęcie kodu QR</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Obrazy (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <source>SECAP Field</source>
        <translation>SECAP Field</translation>
    </message>
    <message>
        <source>Meter readings and climate plan monitoring for your municipality, online or offline.</source>
        <translation>Odczyty liczników i monitoring planu klimatycznego Twojej gminy – z internetem i bez.</translation>
    </message>
    <message>
        <source>Enroll this device</source>
        <translation>Zarejestruj to urządzenie</translation>
    </message>
    <message>
        <source>Scan the QR code your SECAP coordinator gives you, or type the enrollment code below.</source>
        <translation>Zeskanuj kod QR od koordynatora SECAP albo wpisz poniżej kod rejestracyjny.</translation>
    </message>
    <message>
        <source>Scan QR code</source>
        <translation>Skanuj kod QR</translation>
    </message>
    <message>
        <source>Read QR code from an image…</source>
        <translation>Odczytaj kod QR z obrazu…</translation>
    </message>
    <message>
        <source>Choose a screenshot or photo of the enrollment QR code</source>
        <translation>Wybierz zrzut ekranu lub zdjęcie kodu QR do rejestracji</translation>
    </message>
    <message>
        <source>No camera found on this device. Choose a screenshot or photo of the QR code instead.</source>
        <translation>Nie znaleziono aparatu w tym urządzeniu. Wybierz zrzut ekranu lub zdjęcie kodu QR.</translation>
    </message>
    <message>
        <source>Looking for the QR code…</source>
        <translation>Szukanie kodu QR…</translation>
    </message>
    <message>
        <source>QR code read. Server: %1</source>
        <translation>Odczytano kod QR. Serwer: %1</translation>
    </message>
    <message>
        <source>or type the code</source>
        <translation>lub wpisz kod</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Kod rejestracyjny</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serwer</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adres serwera</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>Rejestrowanie…</translation>
    </message>
    <message>
        <source>Readings you enter are kept on this device and sync whenever there is a connection.</source>
        <translation>Wpisane odczyty są przechowywane na tym urządzeniu i synchronizują się, gdy tylko jest połączenie.</translation>
    </message>
    <message>
        <source>Your coordinator withdrew this device, so its data was removed from it. To use it again, ask your coordinator for a new enrollment code.</source>
        <translation>Koordynator wycofał to urządzenie, dlatego usunięto z niego dane. Aby znów z niego korzystać, poproś koordynatora o nowy kod rejestracyjny.</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Reading of meter %1</source>
        <translation>Odczyt licznika %1</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Odczyt</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Postęp działania %1</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Zdjęcie</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>Inspekcja</translation>
    </message>
    <message>
        <source>Change of a record (%1)</source>
        <translation>Zmiana wpisu (%1)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Do sprawdzenia</translation>
    </message>
    <message>
        <source>Discard this change?</source>
        <translation>Usunąć tę zmianę?</translation>
    </message>
    <message>
        <source>%1 will be deleted from this device and will never reach the server. This cannot be undone.</source>
        <translation>Zmiana „%1” zostanie usunięta z tego urządzenia i nigdy nie trafi na serwer. Tego nie da się cofnąć.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Zachowaj</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Odrzucone przez serwer</translation>
    </message>
    <message>
        <source>Flagged readings</source>
        <translation>Nietypowe odczyty</translation>
    </message>
    <message>
        <source>Your coordinator will look at it. If it was misread, enter the right value.</source>
        <translation>Koordynator to sprawdzi. Jeśli licznik został źle odczytany, wpisz prawidłową wartość.</translation>
    </message>
    <message>
        <source>Correct value</source>
        <translation>Prawidłowa wartość</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <source>Correct the value</source>
        <translation>Popraw wartość</translation>
    </message>
    <message>
        <source>Fix the time and send</source>
        <translation>Popraw czas i wyślij</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Wyślij ponownie</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Open the meter</source>
        <translation>Otwórz licznik</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Usuń…</translation>
    </message>
    <message>
        <source>Nothing needs attention</source>
        <translation>Nie ma nic do sprawdzenia</translation>
    </message>
    <message>
        <source>Changes the server refuses and readings it finds odd appear here, with what to do.</source>
        <translation>Tutaj pojawią się zmiany odrzucone przez serwer i odczyty, które uzna on za nietypowe, razem ze wskazówką, co zrobić.</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <source>Installation complete and running; the as-built documents are missing the inverter&apos;s serial number.</source>
        <translation>Instalacja ukończona i działa; w dokumentacji powykonawczej brakuje numeru seryjnego falownika.</translation>
    </message>
    <message>
        <source>Amend inspection</source>
        <translation>Korekta inspekcji</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>Inspekcja</translation>
    </message>
    <message>
        <source>This inspection cannot be opened: its checklist or draft is not on this device.</source>
        <translation>Nie można otworzyć tej inspekcji: jej listy kontrolnej lub wersji roboczej nie ma na tym urządzeniu.</translation>
    </message>
    <message>
        <source>Discard this draft?</source>
        <translation>Usunąć tę wersję roboczą?</translation>
    </message>
    <message>
        <source>The answers and photos of this draft are deleted from the device. This cannot be undone.</source>
        <translation>Odpowiedzi i zdjęcia z tej wersji roboczej zostaną usunięte z urządzenia. Tego nie da się cofnąć.</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Zachowaj</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>1  Checklist</source>
        <translation>1  Lista kontrolna</translation>
    </message>
    <message>
        <source>2  Conclusion</source>
        <translation>2  Podsumowanie</translation>
    </message>
    <message>
        <source>%1 of %2 answered</source>
        <translation>Odpowiedzi: %1 z %2</translation>
    </message>
    <message>
        <source>Amends an earlier inspection: its answers are filled in. Change what was wrong.</source>
        <translation>Korekta wcześniejszej inspekcji: jej odpowiedzi są już wypełnione. Zmień to, co było błędne.</translation>
    </message>
    <message>
        <source>Next: conclusion</source>
        <translation>Dalej: podsumowanie</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Pozycja</translation>
    </message>
    <message>
        <source>± %1 m</source>
        <translation>± %1 m</translation>
    </message>
    <message>
        <source>Finding your position…</source>
        <translation>Ustalanie pozycji…</translation>
    </message>
    <message>
        <source>No position yet.</source>
        <translation>Pozycja nie jest jeszcze ustalona.</translation>
    </message>
    <message>
        <source>You can still submit: the inspection then records that it has no position.</source>
        <translation>Możesz mimo to przesłać inspekcję: zostanie w niej odnotowany brak pozycji.</translation>
    </message>
    <message>
        <source>Update position</source>
        <translation>Aktualizuj pozycję</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Spróbuj ponownie</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Zdjęcia</translation>
    </message>
    <message>
        <source>%1 attached</source>
        <translation>dołączono: %1</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcjonalnie</translation>
    </message>
    <message>
        <source>Show the photo</source>
        <translation>Pokaż zdjęcie</translation>
    </message>
    <message>
        <source>Remove this photo</source>
        <translation>Usuń to zdjęcie</translation>
    </message>
    <message>
        <source>Choose a photo of the site</source>
        <translation>Wybierz zdjęcie obiektu</translation>
    </message>
    <message>
        <source>Choose a photo of the site from your files</source>
        <translation>Wybierz zdjęcie obiektu z plików</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Ustalenia</translation>
    </message>
    <message>
        <source>What you saw: defects, deviations from the plan, what to follow up</source>
        <translation>Co stwierdzono: usterki, odstępstwa od planu, co wymaga dalszych działań</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Wymagane</translation>
    </message>
    <message>
        <source>no outcome chosen</source>
        <translation>nie wybrano wyniku</translation>
    </message>
    <message>
        <source>Before submitting: %1.</source>
        <translation>Przed przesłaniem: %1.</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>Przesyłanie…</translation>
    </message>
    <message>
        <source>Submit inspection</source>
        <translation>Prześlij inspekcję</translation>
    </message>
    <message>
        <source>Once submitted, the inspection cannot be changed; a correction is made as an amendment.</source>
        <translation>Po przesłaniu inspekcji nie można zmienić; poprawki wprowadza się jako korektę.</translation>
    </message>
    <message>
        <source>You are offline. The inspection is saved on this device and syncs later.</source>
        <translation>Jesteś offline. Inspekcja zapisze się na tym urządzeniu i zsynchronizuje się później.</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Usuń wersję roboczą</translation>
    </message>
</context>
<context>
    <name>InspectionSection</name>
    <message>
        <source>Inspections (%1)</source>
        <translation>Inspekcje (%1)</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>Inspekcje</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>Rozpocznij inspekcję</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Wersja robocza</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Korekta</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Czeka na synchronizację</translation>
    </message>
    <message>
        <source>%1 of %2 questions answered · tap to continue</source>
        <translation>Odpowiedzi: %1 z %2 · dotknij, aby kontynuować</translation>
    </message>
    <message>
        <source>No inspection yet. Start one on site: the checklist works offline.</source>
        <translation>Nie ma jeszcze inspekcji. Rozpocznij ją na miejscu: lista kontrolna działa także offline.</translation>
    </message>
    <message>
        <source>No checklist on this device yet. Sync to get your municipality&apos;s checklists.</source>
        <translation>Na tym urządzeniu nie ma jeszcze list kontrolnych. Zsynchronizuj, aby pobrać listy kontrolne swojej gminy.</translation>
    </message>
    <message>
        <source>Choose a checklist</source>
        <translation>Wybierz listę kontrolną</translation>
    </message>
</context>
<context>
    <name>InspectionViewPage</name>
    <message>
        <source>Inspection</source>
        <translation>Inspekcja</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Czeka na synchronizację</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Działanie</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Obiekt</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Przesłano</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Pozycja</translation>
    </message>
    <message>
        <source>± %1 m</source>
        <translation>± %1 m</translation>
    </message>
    <message>
        <source>None recorded (no GPS fix)</source>
        <translation>Nie zapisano (brak sygnału GPS)</translation>
    </message>
    <message>
        <source>This inspection amends an earlier one.</source>
        <translation>Ta inspekcja jest korektą wcześniejszej.</translation>
    </message>
    <message>
        <source>A later inspection amends this one.</source>
        <translation>Ta inspekcja została skorygowana przez późniejszą.</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Ustalenia</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Lista kontrolna</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Bez odpowiedzi</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Tak</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Show the photo</source>
        <translation>Pokaż zdjęcie</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Zdjęcia</translation>
    </message>
    <message>
        <source>Amend this inspection</source>
        <translation>Skoryguj tę inspekcję</translation>
    </message>
    <message>
        <source>Start a new inspection that corrects this one, from its answers</source>
        <translation>Rozpocznij nową inspekcję, która koryguje tę, na podstawie jej odpowiedzi</translation>
    </message>
    <message>
        <source>A submitted inspection never changes. An amendment is a new inspection that names this one.</source>
        <translation>Przesłana inspekcja nigdy się nie zmienia. Korekta to nowa inspekcja, która się do niej odwołuje.</translation>
    </message>
</context>
<context>
    <name>KioskKeypad</name>
    <message>
        <source>Delete</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Decimal separator</source>
        <translation>Separator dziesiętny</translation>
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
        <translation>Błędny PIN.</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Wyjdź z trybu kiosku</translation>
    </message>
    <message>
        <source>Set the admin PIN first</source>
        <translation>Najpierw ustaw PIN administratora</translation>
    </message>
    <message>
        <source>Admin PIN</source>
        <translation>PIN administratora</translation>
    </message>
    <message>
        <source>This tablet has no admin PIN yet: type one of 4 to 8 digits. It is kept on this tablet only.</source>
        <translation>Ten tablet nie ma jeszcze PIN-u administratora: wpisz od 4 do 8 cyfr. PIN zostaje tylko na tym tablecie.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Wyjdź</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>Ustaw PIN</translation>
    </message>
    <message>
        <source>Use 4 to 8 digits.</source>
        <translation>Użyj od 4 do 8 cyfr.</translation>
    </message>
    <message>
        <source>Offline · data of %1</source>
        <translation>Offline · dane z %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Enter a meter reading:</source>
        <translation>Wpisz odczyt licznika:</translation>
    </message>
    <message>
        <source>Energy use in %1</source>
        <translation>Zużycie energii w %1</translation>
    </message>
    <message>
        <source>Energy use of this building</source>
        <translation>Zużycie energii w tym budynku</translation>
    </message>
    <message>
        <source>%1 kWh now, %2 kWh a year before</source>
        <translation>%1 kWh teraz, %2 kWh rok wcześniej</translation>
    </message>
    <message>
        <source>Not enough readings yet to compare with last year.</source>
        <translation>Za mało odczytów, by porównać z zeszłym rokiem.</translation>
    </message>
    <message>
        <source>Our town&apos;s CO₂ emissions</source>
        <translation>Emisje CO₂ naszego miasta</translation>
    </message>
    <message>
        <source>since %1 (%2)</source>
        <translation>od %1 (%2)</translation>
    </message>
    <message>
        <source>No inventory yet</source>
        <translation>Brak inwentaryzacji</translation>
    </message>
    <message>
        <source>Goal: −%1 % by %2</source>
        <translation>Cel: −%1 % do %2</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Zgodnie z planem</translation>
    </message>
    <message>
        <source>Behind the path to the goal</source>
        <translation>Poniżej ścieżki do celu</translation>
    </message>
    <message>
        <source>Done in our town</source>
        <translation>Zrobione w naszym mieście</translation>
    </message>
    <message>
        <source>Climate-neutral by %1</source>
        <translation>Neutralność klimatyczna do %1</translation>
    </message>
    <message>
        <source>That is %1 less every year from now on.</source>
        <translation>To %1 mniej co roku, od teraz.</translation>
    </message>
    <message>
        <source>Hello, %1. Your PIN, please.</source>
        <translation>Dzień dobry, %1. Podaj PIN.</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 tries left.</source>
        <translation>Błędny PIN. Pozostałe próby: %1.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: locked until %1.</source>
        <translation>Zbyt wiele błędnych PIN-ów: zablokowane do %1.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Sprawdzanie…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Which meter?</source>
        <translation>Który licznik?</translation>
    </message>
    <message>
        <source>Previous reading</source>
        <translation>Poprzedni odczyt</translation>
    </message>
    <message>
        <source>New reading</source>
        <translation>Nowy odczyt</translation>
    </message>
    <message>
        <source>Lower than the previous reading. Check the digits; save anyway if the meter shows it.</source>
        <translation>Mniej niż poprzedni odczyt. Sprawdź cyfry; zapisz mimo to, jeśli licznik tak pokazuje.</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Zapisz mimo to</translation>
    </message>
    <message>
        <source>Save reading</source>
        <translation>Zapisz odczyt</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Dziękujemy!</translation>
    </message>
    <message>
        <source>The reading is saved.</source>
        <translation>Odczyt zapisany.</translation>
    </message>
    <message>
        <source>The reading is saved on this tablet and syncs when it is online.</source>
        <translation>Odczyt jest zapisany na tym tablecie i zsynchronizuje się po połączeniu z siecią.</translation>
    </message>
    <message>
        <source>Heating compared for the same weather</source>
        <translation>Ogrzewanie porównane przy tej samej pogodzie</translation>
    </message>
    <message>
        <source>still to cut to get there</source>
        <translation>do ograniczenia, by tam dojść</translation>
    </message>
    <message>
        <source>compared with %1</source>
        <translation>w porównaniu z %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Uwagi: %1</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Dodaj uwagi</translation>
    </message>
    <message>
        <source>A note to the reading</source>
        <translation>Uwagi do odczytu</translation>
    </message>
    <message>
        <source>e.g. the meter was exchanged</source>
        <translation>np. licznik został wymieniony</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Gotowe</translation>
    </message>
</context>
<context>
    <name>KioskPanel</name>
    <message>
        <source>Back to the board</source>
        <translation>Wróć do tablicy</translation>
    </message>
</context>
<context>
    <name>LabelScanner</name>
    <message>
        <source>No QR code or barcode was found in this image. Choose a sharper photo of the label.</source>
        <translation>Na tym obrazie nie znaleziono kodu QR ani kodu kreskowego. Wybierz ostrzejsze zdjęcie etykiety.</translation>
    </message>
    <message>
        <source>Choose a photo of the meter&apos;s label</source>
        <translation>Wybierz zdjęcie etykiety licznika</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Obrazy (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>1 meter</source>
        <translation>1 licznik</translation>
    </message>
    <message numerus="yes">
        <source>%n meters</source>
        <translation>
            <numerusform>%n licznik</numerusform>
            <numerusform>%n liczniki</numerusform>
            <numerusform>%n liczników</numerusform>
        </translation>
    </message>
    <message>
        <source>1 site</source>
        <translation>1 obiekt</translation>
    </message>
    <message numerus="yes">
        <source>%n sites</source>
        <translation>
            <numerusform>%n obiekt</numerusform>
            <numerusform>%n obiekty</numerusform>
            <numerusform>%n obiektów</numerusform>
        </translation>
    </message>
    <message>
        <source>1 reading</source>
        <translation>1 odczyt</translation>
    </message>
    <message numerus="yes">
        <source>%n readings</source>
        <translation>
            <numerusform>%n odczyt</numerusform>
            <numerusform>%n odczyty</numerusform>
            <numerusform>%n odczytów</numerusform>
        </translation>
    </message>
    <message>
        <source>1 change</source>
        <translation>1 zmiana</translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n zmiana</numerusform>
            <numerusform>%n zmiany</numerusform>
            <numerusform>%n zmian</numerusform>
        </translation>
    </message>
    <message>
        <source>1 to sync</source>
        <translation>1 do wysłania</translation>
    </message>
    <message numerus="yes">
        <source>%n to sync</source>
        <translation>
            <numerusform>%n do wysłania</numerusform>
            <numerusform>%n do wysłania</numerusform>
            <numerusform>%n do wysłania</numerusform>
        </translation>
    </message>
    <message>
        <source>1 to check</source>
        <translation>1 do sprawdzenia</translation>
    </message>
    <message numerus="yes">
        <source>%n to check</source>
        <translation>
            <numerusform>%n do sprawdzenia</numerusform>
            <numerusform>%n do sprawdzenia</numerusform>
            <numerusform>%n do sprawdzenia</numerusform>
        </translation>
    </message>
    <message>
        <source>School</source>
        <translation>Szkoła</translation>
    </message>
    <message>
        <source>Kindergarten</source>
        <translation>Przedszkole</translation>
    </message>
    <message>
        <source>Town hall / office</source>
        <translation>Urząd / biuro</translation>
    </message>
    <message>
        <source>Sports hall</source>
        <translation>Hala sportowa</translation>
    </message>
    <message>
        <source>Swimming pool</source>
        <translation>Basen</translation>
    </message>
    <message>
        <source>Health care</source>
        <translation>Ochrona zdrowia</translation>
    </message>
    <message>
        <source>Culture</source>
        <translation>Kultura</translation>
    </message>
    <message>
        <source>Social housing</source>
        <translation>Mieszkania komunalne</translation>
    </message>
    <message>
        <source>Street lighting circuit</source>
        <translation>Obwód oświetlenia ulicznego</translation>
    </message>
    <message>
        <source>Water / wastewater</source>
        <translation>Woda / ścieki</translation>
    </message>
    <message>
        <source>Fleet depot</source>
        <translation>Baza pojazdów</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Inne</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Obiekt</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>Energia elektryczna</translation>
    </message>
    <message>
        <source>Natural gas</source>
        <translation>Gaz ziemny</translation>
    </message>
    <message>
        <source>District heat</source>
        <translation>Ciepło sieciowe</translation>
    </message>
    <message>
        <source>Heating oil</source>
        <translation>Olej opałowy</translation>
    </message>
    <message>
        <source>LPG</source>
        <translation>Gaz LPG</translation>
    </message>
    <message>
        <source>Coal</source>
        <translation>Węgiel</translation>
    </message>
    <message>
        <source>Biomass</source>
        <translation>Biomasa</translation>
    </message>
    <message>
        <source>Diesel</source>
        <translation>Olej napędowy</translation>
    </message>
    <message>
        <source>Gasoline</source>
        <translation>Benzyna</translation>
    </message>
    <message>
        <source>PV production</source>
        <translation>Produkcja z fotowoltaiki</translation>
    </message>
    <message>
        <source>Solar thermal</source>
        <translation>Kolektory słoneczne</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Woda</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Licznik</translation>
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
        <translation>Szacunkowy</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Z faktury</translation>
    </message>
    <message>
        <source>Final reading (exchange)</source>
        <translation>Odczyt końcowy (wymiana)</translation>
    </message>
    <message>
        <source>Start reading (exchange)</source>
        <translation>Odczyt początkowy (wymiana)</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Koordynator</translation>
    </message>
    <message>
        <source>Field staff</source>
        <translation>Pracownik terenowy</translation>
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
        <translation>Niższy niż poprzedni odczyt</translation>
    </message>
    <message>
        <source>Register rolled over</source>
        <translation>Licznik się przekręcił</translation>
    </message>
    <message>
        <source>Unusually high use</source>
        <translation>Nietypowo wysokie zużycie</translation>
    </message>
    <message>
        <source>Gap in invoice periods</source>
        <translation>Przerwa między okresami faktur</translation>
    </message>
    <message>
        <source>Overlapping invoice periods</source>
        <translation>Okresy faktur się nakładają</translation>
    </message>
    <message>
        <source>Type the value shown on the meter.</source>
        <translation>Wpisz wartość widoczną na liczniku.</translation>
    </message>
    <message>
        <source>That is not a number. Type digits only, with a decimal separator if needed.</source>
        <translation>To nie jest liczba. Wpisz same cyfry, w razie potrzeby z przecinkiem.</translation>
    </message>
    <message>
        <source>That is not a valid number.</source>
        <translation>To nie jest prawidłowa liczba.</translation>
    </message>
    <message>
        <source>The reading has no date and time.</source>
        <translation>Odczyt nie ma daty i godziny.</translation>
    </message>
    <message>
        <source>The period starts after it ends. Check the dates.</source>
        <translation>Początek okresu jest późniejszy niż jego koniec. Sprawdź daty.</translation>
    </message>
    <message>
        <source>The value has more digits than this meter can show. Check the digits.</source>
        <translation>Wartość ma więcej cyfr, niż może pokazać ten licznik. Sprawdź cyfry.</translation>
    </message>
    <message>
        <source>The text is too long. Shorten it and save again.</source>
        <translation>Tekst jest za długi. Skróć go i zapisz ponownie.</translation>
    </message>
    <message>
        <source>A meter register cannot be negative. Check the value.</source>
        <translation>Stan licznika nie może być ujemny. Sprawdź wartość.</translation>
    </message>
    <message>
        <source>A consumption cannot be negative. Check the value.</source>
        <translation>Zużycie nie może być ujemne. Sprawdź wartość.</translation>
    </message>
    <message>
        <source>The reading time is in the future. Check the date and time of this device.</source>
        <translation>Czas odczytu jest w przyszłości. Sprawdź datę i godzinę na tym urządzeniu.</translation>
    </message>
    <message>
        <source>This meter is not known yet. Sync, then try again.</source>
        <translation>Ten licznik nie jest jeszcze znany. Zsynchronizuj i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>This device&apos;s clock is wrong. It will be corrected at the next sync.</source>
        <translation>Zegar tego urządzenia jest źle ustawiony. Zostanie poprawiony przy następnej synchronizacji.</translation>
    </message>
    <message>
        <source>You are not allowed to change this record.</source>
        <translation>Nie masz uprawnień do zmiany tego wpisu.</translation>
    </message>
    <message>
        <source>The device storage is full. Free some space, then save again.</source>
        <translation>Pamięć urządzenia jest pełna. Zwolnij trochę miejsca i zapisz ponownie.</translation>
    </message>
    <message>
        <source>The device storage failed to write. Try again.</source>
        <translation>Nie udało się zapisać danych w pamięci urządzenia. Spróbuj ponownie.</translation>
    </message>
    <message>
        <source>The reading could not be saved on this device.</source>
        <translation>Nie udało się zapisać odczytu na tym urządzeniu.</translation>
    </message>
    <message>
        <source>Type the enrollment code you received.</source>
        <translation>Wpisz otrzymany kod rejestracyjny.</translation>
    </message>
    <message>
        <source>Type the server address first.</source>
        <translation>Najpierw wpisz adres serwera.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and your connection, then try again.</source>
        <translation>Nie można połączyć się z serwerem. Sprawdź adres i połączenie, a potem spróbuj ponownie.</translation>
    </message>
    <message>
        <source>The server did not accept this code. Check it, or ask your coordinator for a new one.</source>
        <translation>Serwer nie przyjął tego kodu. Sprawdź go albo poproś koordynatora o nowy.</translation>
    </message>
    <message>
        <source>This enrollment link is damaged. Scan the QR code again, or type the code instead.</source>
        <translation>Ten link rejestracyjny jest uszkodzony. Zeskanuj kod QR jeszcze raz albo wpisz kod.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate does not match the one in the enrollment code, so this may not be your server. Check the address, or ask your coordinator for a new code.</source>
        <translation>Certyfikat serwera nie zgadza się z tym w kodzie rejestracyjnym, więc może to nie być właściwy serwer. Sprawdź adres albo poproś koordynatora o nowy kod.</translation>
    </message>
    <message>
        <source>This app version is too old for the server. Please update the app.</source>
        <translation>Ta wersja aplikacji jest za stara dla serwera. Zaktualizuj aplikację.</translation>
    </message>
    <message>
        <source>This file is not a photo the app can read. Choose a JPEG or PNG image.</source>
        <translation>Aplikacja nie może odczytać tego pliku jako zdjęcia. Wybierz obraz JPEG lub PNG.</translation>
    </message>
    <message>
        <source>The photo could not be stored on this device. Free some space, then try again.</source>
        <translation>Nie udało się zapisać zdjęcia na tym urządzeniu. Zwolnij trochę miejsca i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>The photo is still being prepared. Save again in a moment.</source>
        <translation>Zdjęcie jest jeszcze przygotowywane. Zapisz ponownie za chwilę.</translation>
    </message>
    <message>
        <source>The reading was saved, but without its photo: the photo file could not be read any more.</source>
        <translation>Odczyt został zapisany, ale bez zdjęcia: nie można już odczytać pliku zdjęcia.</translation>
    </message>
    <message>
        <source>The reading was saved, but its photo could not be stored on this device. Free some space before the next photo.</source>
        <translation>Odczyt został zapisany, ale nie udało się zapisać jego zdjęcia na tym urządzeniu. Zwolnij trochę miejsca przed następnym zdjęciem.</translation>
    </message>
    <message>
        <source>No QR code was found in this image. Choose a sharper screenshot or photo of the code, or type the code.</source>
        <translation>Na tym obrazie nie znaleziono kodu QR. Wybierz wyraźniejszy zrzut ekranu lub zdjęcie kodu albo wpisz kod.</translation>
    </message>
    <message>
        <source>This file is not an image the app can read. Choose a PNG or JPEG screenshot of the code.</source>
        <translation>Aplikacja nie może odczytać tego pliku jako obrazu. Wybierz zrzut ekranu z kodem w formacie PNG lub JPEG.</translation>
    </message>
    <message>
        <source>This QR code is not a SECAP enrollment code. Scan the code your coordinator shows you, or type the code.</source>
        <translation>Ten kod QR nie jest kodem rejestracji SECAP. Zeskanuj kod pokazany przez koordynatora albo wpisz kod.</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>Coś poszło nie tak (%1).</translation>
    </message>
    <message>
        <source>Lignite</source>
        <translation>Węgiel brunatny</translation>
    </message>
    <message>
        <source>Other fossil fuels</source>
        <translation>Inne paliwa kopalne</translation>
    </message>
    <message>
        <source>Plant oil</source>
        <translation>Olej roślinny</translation>
    </message>
    <message>
        <source>Biofuel</source>
        <translation>Biopaliwa</translation>
    </message>
    <message>
        <source>Geothermal</source>
        <translation>Geotermia</translation>
    </message>
    <message>
        <source>A published inventory must be a BEI or an MEI.</source>
        <translation>Opublikowana inwentaryzacja musi być inwentaryzacją bazową (BEI) albo kontrolną (MEI).</translation>
    </message>
    <message>
        <source>A figure of the inventory is not a valid number. Check the file.</source>
        <translation>Jedna z wartości inwentaryzacji nie jest prawidłową liczbą. Sprawdź plik.</translation>
    </message>
    <message>
        <source>A line of the inventory has a sector or carrier the Covenant template does not have.</source>
        <translation>Wiersz inwentaryzacji ma sektor lub nośnik energii, którego nie ma we wzorze Porozumienia Burmistrzów.</translation>
    </message>
    <message>
        <source>The inventory&apos;s municipality is not known here.</source>
        <translation>Gmina tej inwentaryzacji nie jest tu znana.</translation>
    </message>
    <message>
        <source>The inventory this one corrects is not known here. Sync, then try again.</source>
        <translation>Inwentaryzacja, którą ta poprawia, nie jest tu znana. Zsynchronizuj i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>The municipality of this emission factor is not known here.</source>
        <translation>Gmina tego wskaźnika emisji nie jest tu znana.</translation>
    </message>
    <message>
        <source>1 measure</source>
        <translation>1 działanie</translation>
    </message>
    <message numerus="yes">
        <source>%n measures</source>
        <translation>
            <numerusform>%n działanie</numerusform>
            <numerusform>%n działania</numerusform>
            <numerusform>%n działań</numerusform>
        </translation>
    </message>
    <message>
        <source>1 update</source>
        <translation>1 aktualizacja</translation>
    </message>
    <message numerus="yes">
        <source>%n updates</source>
        <translation>
            <numerusform>%n aktualizacja</numerusform>
            <numerusform>%n aktualizacje</numerusform>
            <numerusform>%n aktualizacji</numerusform>
        </translation>
    </message>
    <message>
        <source>Ongoing</source>
        <translation>W realizacji</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Zakończone</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>Przesunięte</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Anulowane</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nierozpoczęte</translation>
    </message>
    <message>
        <source>Adaptation</source>
        <translation>Adaptacja</translation>
    </message>
    <message>
        <source>Mitigation</source>
        <translation>Mitygacja</translation>
    </message>
    <message>
        <source>Municipal buildings and equipment</source>
        <translation>Budynki, wyposażenie i urządzenia komunalne</translation>
    </message>
    <message>
        <source>Tertiary buildings</source>
        <translation>Budynki usługowe</translation>
    </message>
    <message>
        <source>Residential buildings</source>
        <translation>Budynki mieszkalne</translation>
    </message>
    <message>
        <source>Public lighting</source>
        <translation>Oświetlenie publiczne</translation>
    </message>
    <message>
        <source>Industry (non-ETS)</source>
        <translation>Przemysł (poza ETS)</translation>
    </message>
    <message>
        <source>Industry (ETS)</source>
        <translation>Przemysł (ETS)</translation>
    </message>
    <message>
        <source>Municipal fleet</source>
        <translation>Tabor gminny</translation>
    </message>
    <message>
        <source>Public transport</source>
        <translation>Transport publiczny</translation>
    </message>
    <message>
        <source>Private and commercial transport</source>
        <translation>Transport prywatny i komercyjny</translation>
    </message>
    <message>
        <source>Agriculture, forestry, fisheries</source>
        <translation>Rolnictwo, leśnictwo, rybołówstwo</translation>
    </message>
    <message>
        <source>Local electricity production</source>
        <translation>Lokalna produkcja energii elektrycznej</translation>
    </message>
    <message>
        <source>Local heat/cold production</source>
        <translation>Lokalna produkcja ciepła/chłodu</translation>
    </message>
    <message>
        <source>Building envelope</source>
        <translation>Przegrody budynku</translation>
    </message>
    <message>
        <source>Energy-efficient lighting</source>
        <translation>Energooszczędne oświetlenie</translation>
    </message>
    <message>
        <source>Photovoltaics</source>
        <translation>Fotowoltaika</translation>
    </message>
    <message>
        <source>Heat pumps</source>
        <translation>Pompy ciepła</translation>
    </message>
    <message>
        <source>Water management</source>
        <translation>Gospodarka wodna</translation>
    </message>
    <message>
        <source>Renewables for heating</source>
        <translation>OZE w ogrzewaniu</translation>
    </message>
    <message>
        <source>Low-emission vehicles</source>
        <translation>Pojazdy niskoemisyjne</translation>
    </message>
    <message>
        <source>Green infrastructure</source>
        <translation>Zielona infrastruktura</translation>
    </message>
    <message>
        <source>District heating</source>
        <translation>Ciepłownictwo sieciowe</translation>
    </message>
    <message>
        <source>Information and communication technologies</source>
        <translation>Technologie informacyjno-komunikacyjne</translation>
    </message>
    <message>
        <source>Behavioural changes</source>
        <translation>Zmiana zachowań</translation>
    </message>
    <message>
        <source>Grants and subsidies</source>
        <translation>Dotacje i subsydia</translation>
    </message>
    <message>
        <source>Public procurement</source>
        <translation>Zamówienia publiczne</translation>
    </message>
    <message>
        <source>Awareness raising</source>
        <translation>Podnoszenie świadomości</translation>
    </message>
    <message>
        <source>Energy management</source>
        <translation>Zarządzanie energią</translation>
    </message>
    <message>
        <source>Building standards</source>
        <translation>Standardy budowlane</translation>
    </message>
    <message>
        <source>Third-party financing, PPP</source>
        <translation>Finansowanie przez strony trzecie, PPP</translation>
    </message>
    <message>
        <source>Land use planning</source>
        <translation>Planowanie przestrzenne</translation>
    </message>
    <message>
        <source>Trees planted</source>
        <translation>Posadzone drzewa</translation>
    </message>
    <message>
        <source>Green roof area</source>
        <translation>Powierzchnia zielonych dachów</translation>
    </message>
    <message>
        <source>Rainwater retained</source>
        <translation>Zatrzymana woda opadowa</translation>
    </message>
    <message>
        <source>Insulated area</source>
        <translation>Docieplona powierzchnia</translation>
    </message>
    <message>
        <source>Luminaires replaced</source>
        <translation>Wymienione oprawy</translation>
    </message>
    <message>
        <source>Installed power</source>
        <translation>Moc zainstalowana</translation>
    </message>
    <message>
        <source>Heat pump capacity</source>
        <translation>Moc pompy ciepła</translation>
    </message>
    <message>
        <source>Buses delivered</source>
        <translation>Dostarczone autobusy</translation>
    </message>
    <message>
        <source>Boilers replaced</source>
        <translation>Wymienione kotły</translation>
    </message>
    <message>
        <source>Choose where the measure stands.</source>
        <translation>Wybierz status działania.</translation>
    </message>
    <message>
        <source>Percent complete must be between 0 and 100.</source>
        <translation>Zaawansowanie musi wynosić od 0 do 100 %.</translation>
    </message>
    <message>
        <source>The amount spent cannot be negative, and every indicator needs a name and a number.</source>
        <translation>Wydana kwota nie może być ujemna, a każdy wskaźnik musi mieć nazwę i liczbę.</translation>
    </message>
    <message>
        <source>An indicator needs a name and a number. Fill both in, or clear the row.</source>
        <translation>Wskaźnik musi mieć nazwę i liczbę. Uzupełnij oba pola albo wyczyść wiersz.</translation>
    </message>
    <message>
        <source>The progress update has no date. Check the date and time of this device.</source>
        <translation>Aktualizacja postępu nie ma daty. Sprawdź datę i godzinę na tym urządzeniu.</translation>
    </message>
    <message>
        <source>This measure is not known yet. Sync, then try again.</source>
        <translation>To działanie nie jest jeszcze znane. Zsynchronizuj i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>This app sent a field the server does not know. Update the app, then send again.</source>
        <translation>Aplikacja wysłała pole, którego serwer nie zna. Zaktualizuj aplikację, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>The record does not say where it belongs. Discard it and enter it again.</source>
        <translation>Wpis nie wskazuje, do czego należy. Usuń go i wprowadź ponownie.</translation>
    </message>
    <message>
        <source>The record was damaged on the way. Discard it and enter it again.</source>
        <translation>Wpis został uszkodzony podczas przesyłania. Usuń go i wprowadź ponownie.</translation>
    </message>
    <message>
        <source>This record cannot be changed once sent. Enter a new one that corrects it.</source>
        <translation>Tego wpisu nie można zmienić po wysłaniu. Wprowadź nowy, który go poprawi.</translation>
    </message>
    <message>
        <source>The municipality has no name. Add it and save again.</source>
        <translation>Gmina nie ma nazwy. Dodaj ją i zapisz ponownie.</translation>
    </message>
    <message>
        <source>The site&apos;s municipality is not known yet. Sync, then send again.</source>
        <translation>Gmina tego obiektu nie jest jeszcze znana. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>The meter&apos;s site is not known yet. Sync, then send again.</source>
        <translation>Obiekt tego licznika nie jest jeszcze znany. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>The meter&apos;s multiplier must be a number not below zero.</source>
        <translation>Mnożnik licznika musi być liczbą nie mniejszą niż zero.</translation>
    </message>
    <message>
        <source>A meter has between 0 and 15 register digits.</source>
        <translation>Liczba cyfr licznika musi wynosić od 0 do 15.</translation>
    </message>
    <message>
        <source>A review must confirm the reading or mark it wrong.</source>
        <translation>Weryfikacja musi potwierdzić odczyt albo oznaczyć go jako błędny.</translation>
    </message>
    <message>
        <source>The reviewed reading has not reached the server yet. Sync, then send again.</source>
        <translation>Weryfikowany odczyt nie dotarł jeszcze na serwer. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>The planned end is before the planned start. Check the dates.</source>
        <translation>Planowany koniec jest wcześniejszy niż planowany początek. Sprawdź daty.</translation>
    </message>
    <message>
        <source>A budget or expected figure of the measure is not a valid number.</source>
        <translation>Budżet lub jedna z planowanych wartości działania nie jest prawidłową liczbą.</translation>
    </message>
    <message>
        <source>The measure&apos;s municipality is not known yet. Sync, then send again.</source>
        <translation>Gmina tego działania nie jest jeszcze znana. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>The inspection is still a draft. Submit it first.</source>
        <translation>Inspekcja jest jeszcze wersją roboczą. Najpierw ją prześlij.</translation>
    </message>
    <message>
        <source>This inspection was submitted already and cannot change. Start an amendment instead.</source>
        <translation>Ta inspekcja została już przesłana i nie można jej zmienić. Zamiast tego rozpocznij korektę.</translation>
    </message>
    <message>
        <source>The inspection&apos;s dates do not fit. Check the date and time of this device.</source>
        <translation>Daty inspekcji się nie zgadzają. Sprawdź datę i godzinę na tym urządzeniu.</translation>
    </message>
    <message>
        <source>The position recorded with the inspection is not valid. Take the position again.</source>
        <translation>Pozycja zapisana z inspekcją jest nieprawidłowa. Ustal pozycję ponownie.</translation>
    </message>
    <message>
        <source>Choose the inspection&apos;s outcome before submitting.</source>
        <translation>Przed przesłaniem wybierz wynik inspekcji.</translation>
    </message>
    <message>
        <source>The inspected site is not known yet. Sync, then send again.</source>
        <translation>Obiekt, którego dotyczy inspekcja, nie jest jeszcze znany. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>The inspected measure is not known yet. Sync, then send again.</source>
        <translation>Działanie, którego dotyczy inspekcja, nie jest jeszcze znane. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>The checklist of this inspection is not known yet. Sync, then send again.</source>
        <translation>Lista kontrolna tej inspekcji nie jest jeszcze znana. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>A checklist&apos;s version must be 1 or more.</source>
        <translation>Wersja listy kontrolnej musi wynosić co najmniej 1.</translation>
    </message>
    <message>
        <source>A checklist question has no key, a key used twice, or a minimum above its maximum.</source>
        <translation>Pytanie z listy kontrolnej nie ma klucza, ma klucz użyty dwukrotnie albo minimum większe od maksimum.</translation>
    </message>
    <message>
        <source>The checklist&apos;s municipality is not known yet. Sync, then send again.</source>
        <translation>Gmina tej listy kontrolnej nie jest jeszcze znana. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>The photo&apos;s fingerprint is damaged. Discard it and take the photo again.</source>
        <translation>Suma kontrolna zdjęcia jest uszkodzona. Usuń je i zrób zdjęcie jeszcze raz.</translation>
    </message>
    <message>
        <source>The photo&apos;s size is not valid. Discard it and take the photo again.</source>
        <translation>Rozmiar zdjęcia jest nieprawidłowy. Usuń je i zrób zdjęcie jeszcze raz.</translation>
    </message>
    <message>
        <source>The photo&apos;s record has not reached the server yet. It will be sent after it.</source>
        <translation>Wpis, do którego należy zdjęcie, nie dotarł jeszcze na serwer. Zdjęcie zostanie wysłane po nim.</translation>
    </message>
    <message>
        <source>A sent photo cannot change. Add a new photo instead.</source>
        <translation>Wysłanego zdjęcia nie można zmienić. Zamiast tego dodaj nowe zdjęcie.</translation>
    </message>
    <message>
        <source>An activity figure is below zero, not a number, or of an impossible year.</source>
        <translation>Wartość danych o działalności jest ujemna, nie jest liczbą albo dotyczy niemożliwego roku.</translation>
    </message>
    <message>
        <source>The municipality of this activity figure is not known yet. Sync, then send again.</source>
        <translation>Gmina tych danych o działalności nie jest jeszcze znana. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>A person&apos;s role is not one the app knows. Ask your coordinator.</source>
        <translation>Aplikacja nie zna roli tej osoby. Zapytaj koordynatora.</translation>
    </message>
    <message>
        <source>A person&apos;s municipality is not known yet. Sync, then send again.</source>
        <translation>Gmina tej osoby nie jest jeszcze znana. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>A caretaker&apos;s PIN was not stored safely. Set the PIN again.</source>
        <translation>PIN opiekuna nie został bezpiecznie zapisany. Ustaw PIN ponownie.</translation>
    </message>
    <message>
        <source>A caretaker&apos;s site is not known yet. Sync, then send again.</source>
        <translation>Obiekt tego opiekuna nie jest jeszcze znany. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>An emission factor is out of range or not a number.</source>
        <translation>Wskaźnik emisji jest poza zakresem albo nie jest liczbą.</translation>
    </message>
    <message>
        <source>A degree-day figure is out of range or not a number.</source>
        <translation>Wartość stopniodni jest poza zakresem albo nie jest liczbą.</translation>
    </message>
    <message>
        <source>The municipality of these degree days is not known yet. Sync, then send again.</source>
        <translation>Gmina tych stopniodni nie jest jeszcze znana. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>The year or the population is not valid.</source>
        <translation>Rok albo liczba mieszkańców jest nieprawidłowa.</translation>
    </message>
    <message>
        <source>The municipality of this year&apos;s figures is not known yet. Sync, then send again.</source>
        <translation>Gmina danych za ten rok nie jest jeszcze znana. Zsynchronizuj, potem wyślij ponownie.</translation>
    </message>
    <message>
        <source>This was fixed or discarded already.</source>
        <translation>To zostało już poprawione albo usunięte.</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Zweryfikowane</translation>
    </message>
    <message>
        <source>Partially verified</source>
        <translation>Częściowo zweryfikowane</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Niezweryfikowane</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Wymaga dalszych działań</translation>
    </message>
    <message>
        <source>No outcome yet</source>
        <translation>Jeszcze bez wyniku</translation>
    </message>
    <message>
        <source>Implemented as planned</source>
        <translation>Zrealizowane zgodnie z planem</translation>
    </message>
    <message>
        <source>Part of it is in place</source>
        <translation>Zrealizowane częściowo</translation>
    </message>
    <message>
        <source>Not in place, or not as planned</source>
        <translation>Niezrealizowane lub niezgodne z planem</translation>
    </message>
    <message>
        <source>Defects to fix, or a visit to repeat</source>
        <translation>Usterki do usunięcia lub potrzebna ponowna wizyta</translation>
    </message>
    <message>
        <source>This device gives no position. The inspection is saved without one.</source>
        <translation>To urządzenie nie podaje pozycji. Inspekcja zostanie zapisana bez niej.</translation>
    </message>
    <message>
        <source>Location access is off for this app. Allow it in the system settings, or submit without a position.</source>
        <translation>Dostęp do lokalizacji jest wyłączony dla tej aplikacji. Zezwól na niego w ustawieniach systemu albo prześlij inspekcję bez pozycji.</translation>
    </message>
    <message>
        <source>No GPS fix yet. Step outside or near a window and try again, or submit without a position.</source>
        <translation>Brak jeszcze sygnału GPS. Wyjdź na zewnątrz lub podejdź do okna i spróbuj ponownie albo prześlij inspekcję bez pozycji.</translation>
    </message>
    <message>
        <source>The position could not be read. Try again, or submit without a position.</source>
        <translation>Nie udało się ustalić pozycji. Spróbuj ponownie albo prześlij inspekcję bez pozycji.</translation>
    </message>
    <message>
        <source>A required question of the checklist has no answer. Answer it, then submit.</source>
        <translation>Wymagane pytanie z listy kontrolnej nie ma odpowiedzi. Odpowiedz na nie, a potem prześlij inspekcję.</translation>
    </message>
    <message>
        <source>An answer does not fit its question (a number out of range or an option the checklist does not offer). Correct it.</source>
        <translation>Odpowiedź nie pasuje do pytania (liczba spoza zakresu albo opcja, której nie ma na liście kontrolnej). Popraw ją.</translation>
    </message>
    <message>
        <source>This draft is not on the device any more. It was submitted or discarded.</source>
        <translation>Tej wersji roboczej nie ma już na urządzeniu. Została przesłana albo usunięta.</translation>
    </message>
    <message>
        <source>A photo of this inspection cannot be read any more. Take it again, then submit.</source>
        <translation>Nie można już odczytać jednego ze zdjęć tej inspekcji. Zrób je ponownie, a potem prześlij inspekcję.</translation>
    </message>
    <message>
        <source>1 question</source>
        <translation>1 pytanie</translation>
    </message>
    <message numerus="yes">
        <source>%n questions</source>
        <translation>
            <numerusform>%n pytanie</numerusform>
            <numerusform>%n pytania</numerusform>
            <numerusform>%n pytań</numerusform>
        </translation>
    </message>
    <message>
        <source>1 required question not answered</source>
        <translation>1 wymagane pytanie bez odpowiedzi</translation>
    </message>
    <message numerus="yes">
        <source>%n required questions not answered</source>
        <translation>
            <numerusform>%n wymagane pytanie bez odpowiedzi</numerusform>
            <numerusform>%n wymagane pytania bez odpowiedzi</numerusform>
            <numerusform>%n wymaganych pytań bez odpowiedzi</numerusform>
        </translation>
    </message>
    <message>
        <source>1 answer to correct</source>
        <translation>1 odpowiedź do poprawienia</translation>
    </message>
    <message numerus="yes">
        <source>%n answers to correct</source>
        <translation>
            <numerusform>%n odpowiedź do poprawienia</numerusform>
            <numerusform>%n odpowiedzi do poprawienia</numerusform>
            <numerusform>%n odpowiedzi do poprawienia</numerusform>
        </translation>
    </message>
    <message>
        <source>A measure needs a title.</source>
        <translation>Działanie musi mieć tytuł.</translation>
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
        <translation>Obiekty</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Wstecz</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchronizuj teraz</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ustawienia</translation>
    </message>
    <message>
        <source>Reading saved</source>
        <translation>Odczyt zapisany</translation>
    </message>
    <message>
        <source>Reading saved on this device. It will sync when online.</source>
        <translation>Odczyt zapisany na tym urządzeniu. Zsynchronizuje się, gdy będzie połączenie.</translation>
    </message>
    <message>
        <source>Device enrolled. Syncing…</source>
        <translation>Urządzenie zarejestrowane. Synchronizacja…</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>Działania</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Postęp</translation>
    </message>
    <message>
        <source>Progress saved</source>
        <translation>Postęp zapisany</translation>
    </message>
    <message>
        <source>Progress saved on this device. It will sync when online.</source>
        <translation>Postęp zapisany na tym urządzeniu. Zsynchronizuje się, gdy będzie połączenie.</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Problemy</translation>
    </message>
    <message>
        <source>Inspection submitted</source>
        <translation>Inspekcja przesłana</translation>
    </message>
    <message>
        <source>Inspection submitted on this device. It will sync when online.</source>
        <translation>Inspekcja przesłana i zapisana na tym urządzeniu. Zsynchronizuje się, gdy będzie połączenie.</translation>
    </message>
    <message>
        <source>Draft discarded</source>
        <translation>Wersja robocza usunięta</translation>
    </message>
    <message>
        <source>No meter on this device has the label “%1”. Check the label, or sync and scan again.</source>
        <translation>Żaden licznik na tym urządzeniu nie ma etykiety „%1”. Sprawdź etykietę albo zsynchronizuj i zeskanuj ponownie.</translation>
    </message>
    <message>
        <source>Plan saved</source>
        <translation>Plan zapisany</translation>
    </message>
</context>
<context>
    <name>MeasureEditPage</name>
    <message>
        <source>Edit plan</source>
        <translation>Edytuj plan</translation>
    </message>
    <message>
        <source>The plan of this measure</source>
        <translation>Plan tego działania</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tytuł</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Opis</translation>
    </message>
    <message>
        <source>Responsible body</source>
        <translation>Jednostka odpowiedzialna</translation>
    </message>
    <message>
        <source>Department or company in charge</source>
        <translation>Wydział lub spółka odpowiedzialna</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>Planowany początek</translation>
    </message>
    <message>
        <source>Planned end</source>
        <translation>Planowany koniec</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budżet</translation>
    </message>
    <message>
        <source>Budget, in euros</source>
        <translation>Budżet w euro</translation>
    </message>
    <message>
        <source>Expected savings</source>
        <translation>Oczekiwane oszczędności</translation>
    </message>
    <message>
        <source>MWh/year</source>
        <translation>MWh/rok</translation>
    </message>
    <message>
        <source>Expected savings, MWh a year</source>
        <translation>Oczekiwane oszczędności, MWh rocznie</translation>
    </message>
    <message>
        <source>Expected renewable production</source>
        <translation>Oczekiwana produkcja z OZE</translation>
    </message>
    <message>
        <source>Expected renewable production, MWh a year</source>
        <translation>Oczekiwana produkcja z OZE, MWh rocznie</translation>
    </message>
    <message>
        <source>Expected CO₂ reduction</source>
        <translation>Oczekiwana redukcja CO₂</translation>
    </message>
    <message>
        <source>t/year</source>
        <translation>t/rok</translation>
    </message>
    <message>
        <source>Expected CO₂ reduction, tonnes a year</source>
        <translation>Oczekiwana redukcja CO₂, tony rocznie</translation>
    </message>
    <message>
        <source>Key action of the plan</source>
        <translation>Działanie kluczowe planu</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Zapisz plan</translation>
    </message>
    <message>
        <source>Saved on this device and synced; what others changed meanwhile is kept, field by field.</source>
        <translation>Zapisywane na tym urządzeniu i synchronizowane; zmiany wprowadzone w międzyczasie przez innych zostają zachowane, pole po polu.</translation>
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
        <translation>Jeszcze nie zaplanowano</translation>
    </message>
    <message>
        <source>%1 MWh/year</source>
        <translation>%1 MWh/rok</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Działanie</translation>
    </message>
    <message>
        <source>Unknown measure</source>
        <translation>Nieznane działanie</translation>
    </message>
    <message>
        <source>Verified on site</source>
        <translation>Zweryfikowane na miejscu</translation>
    </message>
    <message>
        <source>Key action</source>
        <translation>Działanie kluczowe</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>zaawansowanie</translation>
    </message>
    <message>
        <source>Last update %1</source>
        <translation>Ostatnia aktualizacja: %1</translation>
    </message>
    <message>
        <source>No progress reported yet</source>
        <translation>Nie zgłoszono jeszcze postępu</translation>
    </message>
    <message>
        <source>Add progress</source>
        <translation>Zgłoś postęp</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Obszar interwencji</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument polityki</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Podmiot odpowiedzialny</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planowany termin</translation>
    </message>
    <message>
        <source>In operation since</source>
        <translation>W eksploatacji od</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Obiekt</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Obiekty</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Finansowanie</translation>
    </message>
    <message>
        <source>Budget and results</source>
        <translation>Budżet i efekty</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budżet</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nie ustalono</translation>
    </message>
    <message>
        <source>Spent so far</source>
        <translation>Wydano dotąd</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>Nie zgłoszono</translation>
    </message>
    <message>
        <source>Expected savings</source>
        <translation>Planowane oszczędności</translation>
    </message>
    <message>
        <source>Expected renewable energy</source>
        <translation>Planowana produkcja OZE</translation>
    </message>
    <message>
        <source>Expected CO₂ cut</source>
        <translation>Planowana redukcja CO₂</translation>
    </message>
    <message>
        <source>%1 t/year</source>
        <translation>%1 t/rok</translation>
    </message>
    <message>
        <source>Measured savings</source>
        <translation>Zmierzone oszczędności</translation>
    </message>
    <message>
        <source>(%1 % of expected)</source>
        <translation>(%1 % planowanych)</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>Obliczanie…</translation>
    </message>
    <message>
        <source>Not measurable yet</source>
        <translation>Na razie nie da się zmierzyć</translation>
    </message>
    <message>
        <source>Progress history (%1)</source>
        <translation>Historia postępu (%1)</translation>
    </message>
    <message>
        <source>Progress history</source>
        <translation>Historia postępu</translation>
    </message>
    <message>
        <source>%1 % done</source>
        <translation>zaawansowanie %1 %</translation>
    </message>
    <message>
        <source>Spent %1</source>
        <translation>Wydano %1</translation>
    </message>
    <message>
        <source>Show the photo</source>
        <translation>Pokaż zdjęcie</translation>
    </message>
    <message>
        <source>Add the first update when work starts: its status, what was spent and a photo.</source>
        <translation>Gdy prace ruszą, dodaj pierwszą aktualizację: status, poniesione wydatki i zdjęcie.</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>Rozpocznij inspekcję</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edytuj</translation>
    </message>
    <message>
        <source>Edit the plan of this measure</source>
        <translation>Edytuj plan tego działania</translation>
    </message>
</context>
<context>
    <name>MeasuresPage</name>
    <message>
        <source>Measures</source>
        <translation>Działania</translation>
    </message>
    <message>
        <source>Search measures, codes or sectors</source>
        <translation>Szukaj działania, kodu lub sektora</translation>
    </message>
    <message>
        <source>Search measures</source>
        <translation>Szukaj działań</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtruj według statusu</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Wszystkie</translation>
    </message>
    <message>
        <source>%1 % done</source>
        <translation>zaawansowanie %1 %</translation>
    </message>
    <message>
        <source>Key action</source>
        <translation>Działanie kluczowe</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>No matching measures</source>
        <translation>Nie znaleziono działań</translation>
    </message>
    <message>
        <source>No measures yet</source>
        <translation>Nie ma jeszcze działań</translation>
    </message>
    <message>
        <source>Try another word, or show all statuses.</source>
        <translation>Spróbuj innego słowa albo pokaż wszystkie statusy.</translation>
    </message>
    <message>
        <source>The measures of your action plan appear here after the first sync with the server.</source>
        <translation>Działania z Twojego planu pojawią się tutaj po pierwszej synchronizacji z serwerem.</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>Wszystkie sektory</translation>
    </message>
    <message>
        <source>Filter by sector</source>
        <translation>Filtruj według sektora</translation>
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
        <translation>Licznik</translation>
    </message>
    <message>
        <source>Meter %1</source>
        <translation>Licznik %1</translation>
    </message>
    <message>
        <source>Choose a photo of the meter</source>
        <translation>Wybierz zdjęcie licznika</translation>
    </message>
    <message>
        <source>Unknown meter</source>
        <translation>Nieznany licznik</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Nr %1</translation>
    </message>
    <message>
        <source>cumulative</source>
        <translation>narastająco</translation>
    </message>
    <message>
        <source>per period</source>
        <translation>za okres</translation>
    </message>
    <message>
        <source>Previous: &lt;b&gt;%1&lt;/b&gt; on %2</source>
        <translation>Ostatni odczyt: &lt;b&gt;%1&lt;/b&gt; z %2</translation>
    </message>
    <message>
        <source>No previous reading. This will be the first.</source>
        <translation>Brak wcześniejszych odczytów. Ten będzie pierwszy.</translation>
    </message>
    <message>
        <source>Previous: %1 on %2</source>
        <translation>Ostatni odczyt: %1 z %2</translation>
    </message>
    <message>
        <source>New reading</source>
        <translation>Nowy odczyt</translation>
    </message>
    <message>
        <source>New reading in %1</source>
        <translation>Nowy odczyt w %1</translation>
    </message>
    <message>
        <source>Type digits only, e.g. %1</source>
        <translation>Wpisz same cyfry, np. %1</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1 od %2</translation>
    </message>
    <message>
        <source>Choose a photo of the meter from your files</source>
        <translation>Wybierz zdjęcie licznika z plików</translation>
    </message>
    <message>
        <source>Lower than the last reading %1 on %2. Check the digits, or save it anyway if the meter really shows this.</source>
        <translation>Mniej niż ostatni odczyt %1 z %2. Sprawdź cyfry albo zapisz mimo to, jeśli licznik naprawdę tyle pokazuje.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Zapisz mimo to</translation>
    </message>
    <message>
        <source>Save reading</source>
        <translation>Zapisz odczyt</translation>
    </message>
    <message>
        <source>Saved on this device first, then sent to the server.</source>
        <translation>Odczyt zapisuje się najpierw na tym urządzeniu, a potem trafia na serwer.</translation>
    </message>
    <message>
        <source>You are offline. Readings are saved on this device and sync later.</source>
        <translation>Jesteś offline. Odczyty zapisują się na tym urządzeniu i zsynchronizują się później.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <source>Photo of the reading of %1</source>
        <translation>Zdjęcie odczytu z %1</translation>
    </message>
    <message>
        <source>No readings yet.</source>
        <translation>Nie ma jeszcze odczytów.</translation>
    </message>
    <message>
        <source>Monthly use over the last 12 months, each beside the same month a year before</source>
        <translation>Zużycie miesięczne w ostatnich 12 miesiącach, każdy miesiąc obok tego samego miesiąca rok wcześniej</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Ostatnie 12 miesięcy</translation>
    </message>
    <message>
        <source>A year before</source>
        <translation>Rok wcześniej</translation>
    </message>
</context>
<context>
    <name>MonthField</name>
    <message>
        <source>Not set</source>
        <translation>Nie ustalono</translation>
    </message>
    <message>
        <source>month</source>
        <translation>miesiąc</translation>
    </message>
    <message>
        <source>year</source>
        <translation>rok</translation>
    </message>
</context>
<context>
    <name>OutcomeChip</name>
    <message>
        <source>Draft</source>
        <translation>Wersja robocza</translation>
    </message>
</context>
<context>
    <name>PercentBar</name>
    <message>
        <source>%1 % done</source>
        <translation>Zaawansowanie %1 %</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>Nie zgłoszono</translation>
    </message>
</context>
<context>
    <name>PhotoField</name>
    <message>
        <source>Photo</source>
        <translation>Zdjęcie</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Wybierz zdjęcie</translation>
    </message>
    <message>
        <source>Choose a photo from your files</source>
        <translation>Wybierz zdjęcie z plików</translation>
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
        <translation>Obrazy (*.jpg *.jpeg *.png *.webp *.bmp)</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcjonalnie</translation>
    </message>
    <message>
        <source>Take photo</source>
        <translation>Zrób zdjęcie</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Wybierz plik…</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>Dodaj zdjęcie…</translation>
    </message>
    <message>
        <source>No camera found on this device: choose a photo file instead.</source>
        <translation>Nie znaleziono aparatu w tym urządzeniu: wybierz plik ze zdjęciem.</translation>
    </message>
    <message>
        <source>Preparing the photo…</source>
        <translation>Przygotowywanie zdjęcia…</translation>
    </message>
    <message>
        <source>Show the attached photo</source>
        <translation>Pokaż dołączone zdjęcie</translation>
    </message>
    <message>
        <source>Photo attached</source>
        <translation>Zdjęcie dołączone</translation>
    </message>
    <message>
        <source>%1 × %2 px, %3</source>
        <translation>%1 × %2 px, %3</translation>
    </message>
    <message>
        <source>Keep full size</source>
        <translation>Zachowaj pełny rozmiar</translation>
    </message>
    <message>
        <source>Send every pixel instead of a smaller copy. Uses more mobile data.</source>
        <translation>Wysyła zdjęcie w pełnej rozdzielczości zamiast mniejszej kopii. Zużywa więcej danych komórkowych.</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Zamień…</translation>
    </message>
    <message>
        <source>Replace the attached photo</source>
        <translation>Zamień dołączone zdjęcie</translation>
    </message>
    <message>
        <source>Take another photo</source>
        <translation>Zrób inne zdjęcie</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Wybierz plik…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Remove the attached photo</source>
        <translation>Usuń dołączone zdjęcie</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Close photo</source>
        <translation>Zamknij zdjęcie</translation>
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
        <translation>Wybierz obiekt</translation>
    </message>
    <message>
        <source>Pick a site on the left to see its meters and enter readings.</source>
        <translation>Wybierz obiekt po lewej, aby zobaczyć jego liczniki i wpisać odczyty.</translation>
    </message>
    <message>
        <source>Choose a measure</source>
        <translation>Wybierz działanie</translation>
    </message>
    <message>
        <source>Pick a measure on the left to see where it stands and add its progress.</source>
        <translation>Wybierz działanie po lewej, aby zobaczyć jego stan i zgłosić postęp.</translation>
    </message>
</context>
<context>
    <name>ProgressFormPage</name>
    <message>
        <source>Scaffolding removed on the south side; windows fitted on the ground floor.</source>
        <translation>Rusztowanie od strony południowej zdjęte; okna na parterze zamontowane.</translation>
    </message>
    <message>
        <source>Add progress</source>
        <translation>Zgłoś postęp</translation>
    </message>
    <message>
        <source>Now: %1, last update %2</source>
        <translation>Obecnie: %1, ostatnia aktualizacja: %2</translation>
    </message>
    <message>
        <source>First progress report</source>
        <translation>Pierwsze zgłoszenie postępu</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Percent complete</source>
        <translation>Zaawansowanie</translation>
    </message>
    <message>
        <source>Percent complete, 0 to 100</source>
        <translation>Zaawansowanie w procentach, od 0 do 100</translation>
    </message>
    <message>
        <source>Spent so far</source>
        <translation>Wydano dotąd</translation>
    </message>
    <message>
        <source>Spent so far, in euros</source>
        <translation>Wydano dotąd, w euro</translation>
    </message>
    <message>
        <source>In total since the start, of a budget of %1</source>
        <translation>Łącznie od początku, przy budżecie %1</translation>
    </message>
    <message>
        <source>In total since the start</source>
        <translation>Łącznie od początku</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Uwagi</translation>
    </message>
    <message>
        <source>What was done, what is holding it up</source>
        <translation>Co zrobiono, co wstrzymuje prace</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Wskaźniki</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcjonalnie</translation>
    </message>
    <message>
        <source>Name, e.g. bike racks</source>
        <translation>Nazwa, np. stojaki rowerowe</translation>
    </message>
    <message>
        <source>Indicator name</source>
        <translation>Nazwa wskaźnika</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Wartość wskaźnika %1</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>jednostka</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Jednostka</translation>
    </message>
    <message>
        <source>Remove indicator</source>
        <translation>Usuń wskaźnik</translation>
    </message>
    <message>
        <source>Add indicator</source>
        <translation>Dodaj wskaźnik</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>Inny…</translation>
    </message>
    <message>
        <source>Choose a photo of the work</source>
        <translation>Wybierz zdjęcie prac</translation>
    </message>
    <message>
        <source>Choose a photo of the work from your files</source>
        <translation>Wybierz zdjęcie prac z plików</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <source>Save progress</source>
        <translation>Zapisz postęp</translation>
    </message>
    <message>
        <source>You are offline. The update is saved on this device and syncs later.</source>
        <translation>Jesteś offline. Aktualizacja zapisze się na tym urządzeniu i zsynchronizuje się później.</translation>
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
        <translation>%1 t na mieszkańca</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Postęp</translation>
    </message>
    <message>
        <source>No progress to show yet</source>
        <translation>Nie ma jeszcze postępu do pokazania</translation>
    </message>
    <message>
        <source>The municipality&apos;s inventories and measures appear here after the first sync.</source>
        <translation>Inwentaryzacje i działania gminy pojawią się tutaj po pierwszej synchronizacji.</translation>
    </message>
    <message>
        <source>No baseline inventory yet</source>
        <translation>Nie ma jeszcze inwentaryzacji bazowej</translation>
    </message>
    <message>
        <source>Progress is measured against the baseline emission inventory (BEI). Your coordinator adds it on the server.</source>
        <translation>Postęp mierzy się względem inwentaryzacji bazowej (BEI). Koordynator dodaje ją na serwerze.</translation>
    </message>
    <message>
        <source>Target: −%1 % by %2 against %3</source>
        <translation>Cel: −%1 % do %2 względem %3</translation>
    </message>
    <message>
        <source>Emissions down %1 since %2</source>
        <translation>Emisje spadły o %1 od %2</translation>
    </message>
    <message>
        <source>emissions in %1 against %2</source>
        <translation>emisje w %1 wobec %2</translation>
    </message>
    <message>
        <source>No monitoring inventory (MEI) yet: the reduction shows once there is one.</source>
        <translation>Nie ma jeszcze inwentaryzacji kontrolnej (MEI): redukcja pojawi się, gdy zostanie dodana.</translation>
    </message>
    <message>
        <source>On track: the path to the target asks for −%1 % by %2.</source>
        <translation>Zgodnie z planem: ścieżka do celu zakłada −%1 % do %2.</translation>
    </message>
    <message>
        <source>Behind the path: it asks for −%1 % by %2.</source>
        <translation>Poniżej ścieżki: zakłada ona −%1 % do %2.</translation>
    </message>
    <message>
        <source>Emissions, t CO₂</source>
        <translation>Emisje, t CO₂</translation>
    </message>
    <message>
        <source>Baseline %1: %2; latest %3: %4; target %5: %6</source>
        <translation>Inwentaryzacja bazowa %1: %2; najnowsza %3: %4; cel %5: %6</translation>
    </message>
    <message>
        <source>Baseline (BEI)</source>
        <translation>Inwentaryzacja bazowa (BEI)</translation>
    </message>
    <message>
        <source>Monitoring (MEI)</source>
        <translation>Inwentaryzacja kontrolna (MEI)</translation>
    </message>
    <message>
        <source>Path to the target</source>
        <translation>Ścieżka do celu</translation>
    </message>
    <message>
        <source>Inventories</source>
        <translation>Inwentaryzacje</translation>
    </message>
    <message>
        <source>Baseline %1</source>
        <translation>Bazowa %1</translation>
    </message>
    <message>
        <source>as submitted, locked</source>
        <translation>zgłoszona, zablokowana</translation>
    </message>
    <message>
        <source>Latest %1</source>
        <translation>Najnowsza %1</translation>
    </message>
    <message>
        <source>as submitted</source>
        <translation>zgłoszona</translation>
    </message>
    <message>
        <source>computed from the data</source>
        <translation>obliczona z danych</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>Cel %1</translation>
    </message>
    <message>
        <source>Climate neutral by %1</source>
        <translation>Neutralność klimatyczna do %1</translation>
    </message>
    <message>
        <source>%1 still to cut</source>
        <translation>Pozostało do redukcji: %1</translation>
    </message>
    <message>
        <source>%1 a year</source>
        <translation>%1 rocznie</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>Działania</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budżet</translation>
    </message>
    <message>
        <source>Spent so far</source>
        <translation>Wydano dotąd</translation>
    </message>
    <message>
        <source>Expected savings</source>
        <translation>Planowane oszczędności</translation>
    </message>
    <message>
        <source>%1 MWh/year</source>
        <translation>%1 MWh/rok</translation>
    </message>
    <message>
        <source>Measured savings</source>
        <translation>Zmierzone oszczędności</translation>
    </message>
    <message>
        <source>Verified on site</source>
        <translation>Zweryfikowane na miejscu</translation>
    </message>
    <message>
        <source>Computed on this device from the data synced so far, with the same calculation as the server&apos;s report.</source>
        <translation>Obliczono na tym urządzeniu z danych zsynchronizowanych do tej pory, tą samą metodą co raport serwera.</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Clear search</source>
        <translation>Wyczyść wyszukiwanie</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Ustawienia</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronizacja</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronizacja…</translation>
    </message>
    <message>
        <source>Connected to the server</source>
        <translation>Połączono z serwerem</translation>
    </message>
    <message>
        <source>Offline: changes wait on this device</source>
        <translation>Offline: zmiany czekają na tym urządzeniu</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Czeka na synchronizację</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Brak</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Do sprawdzenia</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Ostatnia synchronizacja</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Ostatni problem</translation>
    </message>
    <message>
        <source>Photos to send</source>
        <translation>Zdjęcia do wysłania</translation>
    </message>
    <message>
        <source>%1, waiting for Wi-Fi</source>
        <translation>%1, oczekiwanie na Wi-Fi</translation>
    </message>
    <message>
        <source>Send photos only on Wi-Fi</source>
        <translation>Wysyłaj zdjęcia tylko przez Wi-Fi</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serwer</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>host:port</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adres serwera</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Zastosuj</translation>
    </message>
    <message>
        <source>Apply server address</source>
        <translation>Zastosuj adres serwera</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchronizuj teraz</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>To urządzenie</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gmina</translation>
    </message>
    <message>
        <source>Waiting for the first sync</source>
        <translation>Czeka na pierwszą synchronizację</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rola</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Nie zarejestrowano</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>ID urządzenia</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Folder danych</translation>
    </message>
    <message>
        <source>About</source>
        <translation>O aplikacji</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Wersja</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licencja</translation>
    </message>
    <message>
        <source>SECAP Field helps municipalities monitor their Sustainable Energy and Climate Action Plans under the EU Covenant of Mayors.</source>
        <translation>SECAP Field pomaga gminom monitorować ich Plany działań na rzecz zrównoważonej energii i klimatu (SECAP) w ramach unijnego Porozumienia Burmistrzów.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <source>Also the format of numbers and dates.</source>
        <translation>Dotyczy też formatu liczb i dat.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Jak w systemie</translation>
    </message>
    <message>
        <source>Export logs</source>
        <translation>Eksportuj dziennik</translation>
    </message>
    <message>
        <source>Save a report of this device and its log, to send to your coordinator</source>
        <translation>Zapisz raport o tym urządzeniu i jego dziennik, aby wysłać je koordynatorowi</translation>
    </message>
    <message>
        <source>Report saved: %1. Send this file to your coordinator.</source>
        <translation>Raport zapisany: %1. Wyślij ten plik koordynatorowi.</translation>
    </message>
    <message>
        <source>The report could not be saved. Free some space, then try again.</source>
        <translation>Nie udało się zapisać raportu. Zwolnij trochę miejsca i spróbuj ponownie.</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>Site</source>
        <translation>Obiekt</translation>
    </message>
    <message>
        <source>Unknown site</source>
        <translation>Nieznany obiekt</translation>
    </message>
    <message>
        <source>%1 m² heated</source>
        <translation>Pow. ogrzewana %1 m²</translation>
    </message>
    <message>
        <source>Built %1</source>
        <translation>Rok budowy %1</translation>
    </message>
    <message>
        <source>Meters (%1)</source>
        <translation>Liczniki (%1)</translation>
    </message>
    <message>
        <source>Meters</source>
        <translation>Liczniki</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Nr %1</translation>
    </message>
    <message>
        <source>No serial number</source>
        <translation>Brak numeru seryjnego</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Zdemontowany</translation>
    </message>
    <message>
        <source>No readings</source>
        <translation>Brak odczytów</translation>
    </message>
    <message>
        <source>No meters at this site</source>
        <translation>Brak liczników w tym obiekcie</translation>
    </message>
    <message>
        <source>Meters appear here once the coordinator adds them and the device syncs.</source>
        <translation>Liczniki pojawią się tutaj, gdy koordynator je doda, a urządzenie się zsynchronizuje.</translation>
    </message>
    <message>
        <source>Measures here (%1)</source>
        <translation>Działania w tym obiekcie (%1)</translation>
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
        <translation>Obiekty</translation>
    </message>
    <message>
        <source>Search sites or addresses</source>
        <translation>Szukaj obiektu lub adresu</translation>
    </message>
    <message>
        <source>Search sites</source>
        <translation>Szukaj obiektów</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>Znaleziono %1 (łącznie %2)</translation>
    </message>
    <message>
        <source>No meters</source>
        <translation>Brak liczników</translation>
    </message>
    <message>
        <source>No matching sites</source>
        <translation>Nie znaleziono obiektów</translation>
    </message>
    <message>
        <source>No sites yet</source>
        <translation>Nie ma jeszcze obiektów</translation>
    </message>
    <message>
        <source>Try another name or street.</source>
        <translation>Spróbuj innej nazwy lub ulicy.</translation>
    </message>
    <message>
        <source>Sites appear here after the first sync with the server.</source>
        <translation>Obiekty pojawią się tutaj po pierwszej synchronizacji z serwerem.</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Wszystkie obiekty</translation>
    </message>
    <message>
        <source>Due this month  %1</source>
        <translation>Do odczytu w tym miesiącu  %1</translation>
    </message>
    <message>
        <source>Due this month</source>
        <translation>Do odczytu w tym miesiącu</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Nr %1</translation>
    </message>
    <message>
        <source>No serial number</source>
        <translation>Brak numeru seryjnego</translation>
    </message>
    <message>
        <source>Never read</source>
        <translation>Jeszcze bez odczytu</translation>
    </message>
    <message>
        <source>All read this month</source>
        <translation>Wszystko odczytane w tym miesiącu</translation>
    </message>
    <message>
        <source>Every meter read on site has a reading since the first of the month.</source>
        <translation>Każdy licznik odczytywany na miejscu ma odczyt od pierwszego dnia miesiąca.</translation>
    </message>
    <message>
        <source>Scan a meter&apos;s label</source>
        <translation>Zeskanuj etykietę licznika</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Update required</source>
        <translation>Wymagana aktualizacja</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Nie zarejestrowano</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronizacja…</translation>
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
        <translation>Wszystko wysłane</translation>
    </message>
</context>
<context>
    <name>secap::field::AppController</name>
    <message>
        <source>Not synced yet</source>
        <translation>Czeka na synchronizację</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Nigdy nie synchronizowano</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>Przed chwilą</translation>
    </message>
    <message numerus="yes">
        <source>Synced %n min ago</source>
        <translation>
            <numerusform>%n min temu</numerusform>
            <numerusform>%n min temu</numerusform>
            <numerusform>%n min temu</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>Dziś o %1</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>Unknown site</source>
        <translation>Nieznany obiekt</translation>
    </message>
</context>
</TS>
