/// The rectangle, in viewBox units, where an x–y chart draws its data.
struct PlotArea {
    var left: Double
    var top: Double
    var width: Double
    var height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }
    var centerX: Double { left + width / 2 }
    var centerY: Double { top + height / 2 }
}

/// One labelled tick on an axis.
struct AxisTick {
    var value: Double
    var label: String
}
