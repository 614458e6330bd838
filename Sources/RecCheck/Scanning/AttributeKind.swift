/// The attributes the checker cares about. `xlink:href` counts as `href`.
enum AttributeKind: Equatable {
    case id, name, href, src, data, ariaLabel, ariaHidden, css, other

    /// Attributes whose value may hold CSS `url(...)`: `style` and SVG presentation attributes.
    private static let cssNames: [StaticString] = [
        "style", "fill", "stroke", "clip-path", "mask", "filter", "marker-start", "marker-mid",
        "marker-end", "cursor",
    ]

    private static func cssKind(_ name: UnsafePointer<UInt8>) -> AttributeKind {
        cssNames.contains { CName.equals(name, $0) } ? .css : .other
    }

    init(_ name: UnsafePointer<UInt8>) {
        switch name[0] {
        case UInt8(ascii: "i"):
            self = CName.equals(name, "id") ? .id : .other
        case UInt8(ascii: "n"):
            self = CName.equals(name, "name") ? .name : .other
        case UInt8(ascii: "h"):
            self = CName.equals(name, "href") ? .href : .other
        case UInt8(ascii: "x"):
            self = CName.equals(name, "xlink:href") ? .href : .other
        case UInt8(ascii: "d"):
            self = CName.equals(name, "data") ? .data : .other
        case UInt8(ascii: "a"):
            self = CName.equals(name, "aria-label") ? .ariaLabel
                : CName.equals(name, "aria-hidden") ? .ariaHidden : .other
        case UInt8(ascii: "s"):
            self = CName.equals(name, "src") ? .src : Self.cssKind(name)
        case UInt8(ascii: "f"), UInt8(ascii: "c"), UInt8(ascii: "m"):
            self = Self.cssKind(name)
        default:
            self = .other
        }
    }
}
