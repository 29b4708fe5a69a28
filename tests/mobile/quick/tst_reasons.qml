// Every reason the server can give for refusing a change (docs/PROTOCOL.md)
// and every quality flag it can set has words in the app, in English,
// Polish and German: a caretaker never sees a bare code.
import QtQuick
import QtTest
import SecapField
import SecapFieldTest

TestCase {
    name: "Reasons"

    readonly property string generic: "Something went wrong"

    function messages(codes) {
        return codes.map(c => Labels.reasonMessage(c, ""))
    }

    function test_everyReasonAndFlagHasWordsInEachLanguage() {
        const reasons = TestEnv.protocolCodes(false)
        const flags = TestEnv.protocolCodes(true)
        verify(reasons.length > 50, "PROTOCOL.md lists its reason codes")
        verify(flags.length >= 5, "and its quality flags")

        TestEnv.useLanguage("en")
        const english = messages(reasons)
        const englishFlags = flags.map(f => Labels.flagText(f))
        for (let i = 0; i < reasons.length; ++i)
            verify(!english[i].startsWith(generic) && english[i].length > 0, reasons[i] + " has an English message")
        for (let i = 0; i < flags.length; ++i)
            verify(englishFlags[i] !== flags[i], flags[i] + " has English words")

        for (const language of ["pl", "de"]) {
            TestEnv.useLanguage(language)
            const translated = messages(reasons)
            for (let i = 0; i < reasons.length; ++i)
                verify(translated[i] !== english[i], reasons[i] + " is translated to " + language)
            for (let i = 0; i < flags.length; ++i)
                verify(Labels.flagText(flags[i]) !== englishFlags[i], flags[i] + " is translated to " + language)
        }
        TestEnv.useLanguage("en")
    }
}
