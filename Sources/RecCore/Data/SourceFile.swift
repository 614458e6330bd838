/// The bytes of one input file and the name used for it in error messages (`name:line: …`).
///
/// Parsers take `SourceFile`s and never touch the disk; `RecApp`'s `DatasetReader` makes them.
public struct SourceFile: Sendable, Equatable {
    /// Name or path shown in errors, e.g. "ml-100k/u.data".
    public var name: String
    /// The raw file content.
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// A file made from text (UTF-8), handy in tests.
    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// Runs `body` over the bytes; errors are the parser's.
    func withView<T>(_ body: (ByteView) throws -> T) throws -> T {
        try bytes.withUnsafeBufferPointer { try body(ByteView($0)) }
    }
}
