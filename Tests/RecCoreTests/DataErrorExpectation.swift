import RecCore
import Testing

/// Expects `body` to throw a `DataError` for `file` at `line` whose message contains `message`.
func expectDataError(
    file: String, line: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    let error = #expect(throws: DataError.self, sourceLocation: sourceLocation) { try body() }
    guard let error else { return }
    #expect(error.file == file, sourceLocation: sourceLocation)
    #expect(error.line == line, sourceLocation: sourceLocation)
    #expect(error.message.contains(message), "message was: \(error.message)", sourceLocation: sourceLocation)
}
