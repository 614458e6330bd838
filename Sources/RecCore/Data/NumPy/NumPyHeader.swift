/// The header dictionary of a `.npy` file, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`: a Python literal parsed by a
/// tiny recursive-descent reader (strings, booleans, integers, tuples, lists, dicts).
struct NumPyHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// A parsed Python literal.
    indirect enum Literal: Equatable {
        case string(String), bool(Bool), int(Int), none
        case sequence([Literal])
        case dict([String: Literal])
    }

    /// Parses the header text; the error message says what is wrong (caller adds the file).
    init(parsing text: String) throws(HeaderError) {
        var reader = Reader(scalars: Array(text.unicodeScalars))
        guard case .dict(let dict) = try reader.literal() else { throw HeaderError("header is not a dict") }
        switch dict["descr"] {
        case .string(let d): descr = d
        case .some: throw HeaderError("structured dtypes (a list 'descr') are not supported")
        case nil: throw HeaderError("header has no 'descr'")
        }
        guard case .bool(let fortran) = dict["fortran_order"] else { throw HeaderError("header has no boolean 'fortran_order'") }
        fortranOrder = fortran
        guard case .sequence(let dims) = dict["shape"] else { throw HeaderError("header has no 'shape' tuple") }
        shape = try dims.map { dim throws(HeaderError) -> Int in
            guard case .int(let n) = dim, n >= 0 else { throw HeaderError("shape entries must be non-negative integers") }
            return n
        }
    }

    struct HeaderError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var i = 0

        mutating func skipSpace() { while i < scalars.count && (scalars[i] == " " || scalars[i] == "\n" || scalars[i] == "\t") { i += 1 } }

        mutating func literal() throws(HeaderError) -> Literal {
            skipSpace()
            guard i < scalars.count else { throw HeaderError("header ends early") }
            let c = scalars[i]
            switch c {
            case "'", "\"":
                i += 1
                var s = ""
                while i < scalars.count && scalars[i] != c { s.unicodeScalars.append(scalars[i]); i += 1 }
                guard i < scalars.count else { throw HeaderError("unterminated string in header") }
                i += 1
                return .string(s)
            case "(", "[":
                i += 1
                let close: Unicode.Scalar = c == "(" ? ")" : "]"
                var items: [Literal] = []
                while true {
                    skipSpace()
                    guard i < scalars.count else { throw HeaderError("header ends early") }
                    if scalars[i] == close { i += 1; return .sequence(items) }
                    items.append(try literal())
                    skipSpace()
                    if i < scalars.count && scalars[i] == "," { i += 1 }
                }
            case "{":
                i += 1
                var dict: [String: Literal] = [:]
                while true {
                    skipSpace()
                    guard i < scalars.count else { throw HeaderError("header ends early") }
                    if scalars[i] == "}" { i += 1; return .dict(dict) }
                    guard case .string(let key) = try literal() else { throw HeaderError("dict keys must be strings") }
                    skipSpace()
                    guard i < scalars.count && scalars[i] == ":" else { throw HeaderError("expected ':' in header") }
                    i += 1
                    dict[key] = try literal()
                    skipSpace()
                    if i < scalars.count && scalars[i] == "," { i += 1 }
                }
            default:
                var word = ""
                while i < scalars.count, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) || scalars[i] == "-" || scalars[i] == "L" {
                    word.unicodeScalars.append(scalars[i])
                    i += 1
                }
                if word == "True" { return .bool(true) }
                if word == "False" { return .bool(false) }
                if word == "None" { return .none }
                if word.hasSuffix("L") { word.removeLast() }
                guard let n = Int(word) else { throw HeaderError("unexpected '\(word.isEmpty ? String(c) : word)' in header") }
                return .int(n)
            }
        }
    }
}
