import NuanqiCore
import NuanqiIO
import Testing

@Suite struct AssignmentFileReaderTests {
    @Test func csvWithBOMDecimalsAndForbiddenCells() throws {
        let text = "\u{FEFF}1.5, 2\r\n,0.25\r\n"
        let file = try AssignmentFileReader.parse(Array(text.utf8), file: "m.csv")
        #expect(file.decimals == 2)
        #expect(file.format == .csv)
        #expect(file.problem.cost(row: 0, column: 0) == 150)
        #expect(file.problem.cost(row: 0, column: 1) == 200)
        #expect(file.problem.cost(row: 1, column: 0) == nil)
        #expect(file.problem.cost(row: 1, column: 1) == 25)
    }

    @Test func orLibraryDenseAndSparseAreDetected() throws {
        let dense = try AssignmentFileReader.parse(Array(" 2\n 1 2\n 3 4\n".utf8), file: "a.txt")
        #expect(dense.format == .orlib)
        #expect(dense.problem.cost(row: 1, column: 0) == 3)
        let sparse = try AssignmentFileReader.parse(Array("2\n1 2 7\n2 1 8\n".utf8), file: "p.txt")
        #expect(sparse.format == .orlibSparse)
        #expect(sparse.problem.cost(row: 0, column: 1) == 7)
        #expect(sparse.problem.cost(row: 0, column: 0) == nil)
        #expect(sparse.problem.pairCount == 2)
    }

    @Test func errorsNameFileLineAndField() {
        #expect(throws: InputError.invalidValue(file: "m.csv", line: 3, field: "column 2",
                                                reason: ExactDecimal.Problem.notANumber("y").description)) {
            try AssignmentFileReader.parse(Array("1,2\n\n3,y\n".utf8), file: "m.csv")
        }
    }
}

@Suite struct JSONValueTests {
    @Test func keysKeepTheirOrderAndTextIsEscaped() {
        let value = JSONValue.object([
            ("z", .integer(1)), ("a", .string("引号\"\n")),
            ("list", .array([.object([("row", .integer(0)), ("cost", .number("1.5"))])])),
            ("ids", .array([.integer(3), .integer(4)])), ("none", .null),
        ])
        #expect(value.serialized() == """
        {
          "z": 1,
          "a": "引号\\"\\n",
          "list": [
            { "row": 0, "cost": 1.5 }
          ],
          "ids": [3, 4],
          "none": null
        }

        """)
    }
}
