import Yams

/// A parsed YAML value that remembers the line of every node, so errors in a section can name the
/// file, the line and the key. A Sendable copy of Yams' `Node` (which is not Sendable).
public indirect enum YAMLTree: Sendable, Equatable {
    /// A scalar as written (`null`, `~` and empty values become `.null`).
    case scalar(String, line: Int)
    case sequence([YAMLTree], line: Int)
    case mapping([Entry], line: Int)
    case null(line: Int)

    /// One `key: value` pair of a mapping.
    public struct Entry: Sendable, Equatable {
        public var key: String
        /// Line of the key (1-based).
        public var line: Int
        public var value: YAMLTree
    }

    /// 1-based line of the node (0 when unknown).
    public var line: Int {
        switch self {
        case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line), .null(let line): line
        }
    }

    /// Copies a Yams node (aliases are resolved by Yams' composer).
    init(_ node: Node) {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                self = .null(line: line)
            } else {
                self = .scalar(scalar.string, line: line)
            }
        case .sequence(let sequence):
            self = .sequence(sequence.map(YAMLTree.init), line: line)
        case .mapping(let mapping):
            self = .mapping(mapping.map { Entry(key: $0.key.string ?? "\($0.key)", line: $0.key.mark?.line ?? line, value: YAMLTree($0.value)) }, line: line)
        case .alias:
            self = .null(line: line)
        }
    }

    /// A short description of the node's kind, for error messages.
    var kindDescription: String {
        switch self {
        case .scalar(let text, _): "'\(text)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .null: "nothing"
        }
    }
}
