/// One problem found in a site: the file (relative to the site root), the line (1-based, 0 when
/// the problem is not tied to a line) and a message. Printed as `file:line: message`.
public struct SiteProblem: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
