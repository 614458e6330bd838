/// The elements the checker cares about, recognised from libxml2's C names without building
/// Swift strings (HTML names arrive lowercased, SVG names keep their case).
enum ElementKind: Equatable {
    case a, area, link, use, image, feImage, script, object, svg, title, style, other

    init(_ name: UnsafePointer<UInt8>) {
        switch name[0] {
        case UInt8(ascii: "a"):
            self = CName.equals(name, "a") ? .a : CName.equals(name, "area") ? .area : .other
        case UInt8(ascii: "f"):
            self = CName.equals(name, "feImage") || CName.equals(name, "feimage") ? .feImage : .other
        case UInt8(ascii: "i"):
            self = CName.equals(name, "image") ? .image : .other
        case UInt8(ascii: "l"):
            self = CName.equals(name, "link") ? .link : .other
        case UInt8(ascii: "o"):
            self = CName.equals(name, "object") ? .object : .other
        case UInt8(ascii: "s"):
            self = CName.equals(name, "svg") ? .svg : CName.equals(name, "style") ? .style
                : CName.equals(name, "script") ? .script : .other
        case UInt8(ascii: "t"):
            self = CName.equals(name, "title") ? .title : .other
        case UInt8(ascii: "u"):
            self = CName.equals(name, "use") ? .use : .other
        default:
            self = .other
        }
    }

    /// The role of `href` on this element, or nil when it is not a link there (e.g. `<base>`).
    var hrefRole: LinkReference.Role? {
        switch self {
        case .a, .area: .navigation
        case .link, .use, .image, .feImage, .script: .resource
        default: nil
        }
    }
}
