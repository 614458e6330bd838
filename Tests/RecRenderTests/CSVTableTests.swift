import RecRender
import Testing

@Suite struct CSVTableTests {
    @Test func quotesOnlyFieldsThatNeedIt() {
        let table = CSVTable(header: ["label", "value"], rows: [["plain", "1"], ["a,b", "2"], ["say \"hi\"", "3"],
                                                                ["two\nlines", "4"], [hostileLabel, "5"]])
        #expect(table.csvString == #"""
            label,value
            plain,1
            "a,b",2
            "say ""hi""",3
            "two
            lines",4
            "<script>alert(1)</script> & ""quoted"" 'single', Amélie
            line",5

            """#)
        #expect(!table.csvString.contains("\r"))
    }

    @Test func numbers() {
        #expect(CSVTable.number(5) == "5")
        #expect(CSVTable.number(-0.25) == "-0.25")
        #expect(CSVTable.number(.nan) == "")
        #expect(CSVTable.number(1e-5) == "1e-05")
    }
}
