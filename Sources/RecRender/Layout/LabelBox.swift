/// An axis-aligned rectangle in viewBox units: a label's extent, a node's bounding square or a
/// drawing area.
public struct LabelBox: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// The square around a circle of radius `r` centred on `center`.
    public init(around center: LayoutPoint, radius r: Double) {
        self.init(x: center.x - r, y: center.y - r, width: 2 * r, height: 2 * r)
    }

    /// Area shared with `other` (0 when they only touch or are apart).
    public func overlapArea(_ other: LabelBox) -> Double {
        let w = min(maxX, other.maxX) - max(x, other.x)
        let h = min(maxY, other.maxY) - max(y, other.y)
        return w > 0 && h > 0 ? w * h : 0
    }

    /// Whether the interiors intersect.
    public func intersects(_ other: LabelBox) -> Bool { overlapArea(other) > 0 }

    /// Area of `self` outside `bounds`.
    public func areaOutside(_ bounds: LabelBox) -> Double { width * height - overlapArea(bounds) }
}
