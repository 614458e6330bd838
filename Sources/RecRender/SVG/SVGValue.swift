/// An attribute value for ``SVGElement``. Write it as a string literal, a number, or an
/// interpolation in which `Double`s are printed as coordinates (at most 2 decimals):
/// `"translate(\(x), \(y))"`. The value is escaped when the element is serialized, so any text,
/// including data, is safe here.
public struct SVGValue: Sendable, Hashable, ExpressibleByStringInterpolation, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral
{
    /// The unescaped text of the value.
    public var text: String

    /// A value holding `text` verbatim (it is escaped on output).
    public init(_ text: String) { self.text = text }

    /// A coordinate or length, printed with ``formatCoordinate(_:)``.
    public init(_ number: Double) { self.text = formatCoordinate(number) }

    /// An integer, printed in decimal.
    public init(_ number: Int) { self.text = String(number) }

    public init(stringLiteral value: String) { self.text = value }
    public init(floatLiteral value: Double) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(value) }
    public init(stringInterpolation: StringInterpolation) { self.text = stringInterpolation.text }

    /// Interpolation that prints `Double` and `Int` compactly and strings verbatim.
    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 6)
        }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        /// Appends a coordinate with at most 2 decimals.
        public mutating func appendInterpolation(_ number: Double) { text += formatCoordinate(number) }
        /// Appends an integer.
        public mutating func appendInterpolation(_ number: Int) { text += String(number) }
        /// Appends text verbatim (escaped on output with the rest of the value).
        public mutating func appendInterpolation(_ string: String) { text += string }
    }
}
