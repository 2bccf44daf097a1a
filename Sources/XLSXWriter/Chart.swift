import CXLSXWriter

/// The chart kinds this wrapper offers.
public enum ChartType: Hashable, Sendable, CaseIterable {
    /// Horizontal bars.
    case bar
    case stackedBar
    /// Horizontal bars stacked to 100 %: the usual shape for a Likert scale.
    case percentStackedBar
    /// Vertical bars.
    case column
    case stackedColumn
    case percentStackedColumn
    case line
    case pie
    case doughnut

    var lxwValue: UInt8 {
        let value: lxw_chart_type
        switch self {
        case .bar: value = LXW_CHART_BAR
        case .stackedBar: value = LXW_CHART_BAR_STACKED
        case .percentStackedBar: value = LXW_CHART_BAR_STACKED_PERCENT
        case .column: value = LXW_CHART_COLUMN
        case .stackedColumn: value = LXW_CHART_COLUMN_STACKED
        case .percentStackedColumn: value = LXW_CHART_COLUMN_STACKED_PERCENT
        case .line: value = LXW_CHART_LINE
        case .pie: value = LXW_CHART_PIE
        case .doughnut: value = LXW_CHART_DOUGHNUT
        }
        return UInt8(value.rawValue)
    }

    /// libxlsxwriter swaps the axes of bar charts: there `x_axis` is the (horizontal) value axis.
    var isHorizontal: Bool { self == .bar || self == .stackedBar || self == .percentStackedBar }
    var hasAxes: Bool { self != .pie && self != .doughnut }
}

/// A chart's size in pixels when inserted.
public struct ChartSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Excel's default, 480 × 288.
    public static let `default` = ChartSize(width: 480, height: 288)
}

public enum LegendPosition: Hashable, Sendable {
    case none, right, left, top, bottom, topRight, overlayRight, overlayLeft, overlayTopRight

    var lxwValue: UInt8 {
        let value: lxw_chart_legend_position
        switch self {
        case .none: value = LXW_CHART_LEGEND_NONE
        case .right: value = LXW_CHART_LEGEND_RIGHT
        case .left: value = LXW_CHART_LEGEND_LEFT
        case .top: value = LXW_CHART_LEGEND_TOP
        case .bottom: value = LXW_CHART_LEGEND_BOTTOM
        case .topRight: value = LXW_CHART_LEGEND_TOP_RIGHT
        case .overlayRight: value = LXW_CHART_LEGEND_OVERLAY_RIGHT
        case .overlayLeft: value = LXW_CHART_LEGEND_OVERLAY_LEFT
        case .overlayTopRight: value = LXW_CHART_LEGEND_OVERLAY_TOP_RIGHT
        }
        return UInt8(value.rawValue)
    }
}

/// Values printed on the bars or slices.
public struct DataLabels: Hashable, Sendable {
    public var showValue: Bool
    /// Pie and doughnut charts only.
    public var showPercentage: Bool
    public var showCategory: Bool
    public var showSeriesName: Bool
    /// e.g. "0%" or "0.0"; at most 255 UTF-8 bytes.
    public var numberFormat: String?
    public var position: DataLabelPosition?

    public init(showValue: Bool = true, showPercentage: Bool = false, showCategory: Bool = false,
                showSeriesName: Bool = false, numberFormat: String? = nil, position: DataLabelPosition? = nil) {
        self.showValue = showValue
        self.showPercentage = showPercentage
        self.showCategory = showCategory
        self.showSeriesName = showSeriesName
        self.numberFormat = numberFormat
        self.position = position
    }
}

/// Where data labels sit; not every position suits every chart type (Excel ignores those).
public enum DataLabelPosition: Hashable, Sendable {
    case center, insideEnd, insideBase, outsideEnd, bestFit, above, below, left, right

    var lxwValue: UInt8 {
        let value: lxw_chart_label_position
        switch self {
        case .center: value = LXW_CHART_LABEL_POSITION_CENTER
        case .insideEnd: value = LXW_CHART_LABEL_POSITION_INSIDE_END
        case .insideBase: value = LXW_CHART_LABEL_POSITION_INSIDE_BASE
        case .outsideEnd: value = LXW_CHART_LABEL_POSITION_OUTSIDE_END
        case .bestFit: value = LXW_CHART_LABEL_POSITION_BEST_FIT
        case .above: value = LXW_CHART_LABEL_POSITION_ABOVE
        case .below: value = LXW_CHART_LABEL_POSITION_BELOW
        case .left: value = LXW_CHART_LABEL_POSITION_LEFT
        case .right: value = LXW_CHART_LABEL_POSITION_RIGHT
        }
        return UInt8(value.rawValue)
    }
}

/// Settings for one axis; nil fields keep Excel's automatic choice.
public struct ChartAxis: Hashable, Sendable {
    public var title: String?
    public var min: Double?
    public var max: Double?
    public var majorUnit: Double?
    /// e.g. "0%"; at most 255 UTF-8 bytes.
    public var numberFormat: String?
    /// Reverses the order, e.g. to list bar-chart categories top to bottom.
    public var reversed: Bool
    public var majorGridlines: Bool?
    public var hidden: Bool
    /// The other axis crosses this one at its maximum: with a reversed category axis of a bar
    /// chart, this keeps the value axis at the bottom.
    public var crossesAtMaximum: Bool

    public init(title: String? = nil, min: Double? = nil, max: Double? = nil, majorUnit: Double? = nil,
                numberFormat: String? = nil, reversed: Bool = false, majorGridlines: Bool? = nil, hidden: Bool = false,
                crossesAtMaximum: Bool = false) {
        self.crossesAtMaximum = crossesAtMaximum
        self.title = title
        self.min = min
        self.max = max
        self.majorUnit = majorUnit
        self.numberFormat = numberFormat
        self.reversed = reversed
        self.majorGridlines = majorGridlines
        self.hidden = hidden
    }
}

/// A chart owned by a ``Workbook``. Configure it, add series, then insert it into a sheet
/// with ``Worksheet/insertChart(_:row:column:size:offset:altText:)``; an uninserted chart is not
/// written. All text (title, series and axis names) is taken literally: libxlsxwriter reads a
/// leading "=" as a cell reference, so this wrapper stores such text itself.
///
/// Charts show their data from the cells they reference. When those cells are on an
/// in-memory sheet libxlsxwriter also stores the values in the chart (its cache), which
/// readers that do not recalculate need; for cells on a constant-memory sheet it cannot.
public final class Chart {
    public let type: ChartType
    let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_chart>
    var isInserted = false
    private(set) var seriesCount = 0

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_chart>, type: ChartType) {
        self.workbook = workbook
        self.handle = handle
        self.type = type
    }

    /// Adds a data series. `values` (and `categories`, the labels along the category axis)
    /// are cell ranges on `sheet`, one row or one column each.
    ///
    /// - Parameters:
    ///   - name: Shown in the legend; literal text.
    ///   - color: Fill (line colour for line charts).
    ///   - pointColors: Per-point fills in order, e.g. pie slices; may be shorter than the series.
    public func addSeries(
        values: CellRange,
        categories: CellRange? = nil,
        in sheet: Worksheet,
        name: String? = nil,
        color: Color? = nil,
        pointColors: [Color] = [],
        dataLabels: DataLabels? = nil
    ) throws {
        try workbook.checkOpen()
        guard sheet.workbook === workbook else { throw XLSXError.foreignHandle }
        for range in [values] + (categories.map { [$0] } ?? []) {
            guard range.rowCount == 1 || range.columnCount == 1 else {
                throw XLSXError.invalidArgument("series range \(range) must be a single row or column")
            }
            _ = try range.checked()
        }
        if let format = dataLabels?.numberFormat, format.utf8.count > 255 {
            throw XLSXError.invalidArgument("data label number format is too long")
        }
        guard let series = chart_add_series(handle, nil, nil) else {
            throw XLSXError.memoryMallocFailed
        }
        seriesCount += 1
        // Row/column setters rather than "Sheet!$A$1" formulas: libxlsxwriter quotes the sheet
        // name itself and knows which sheet to read the cached values from.
        let (v1, vc1, v2, vc2) = try values.checked()
        chart_series_set_values(series, sheet.name, v1, vc1, v2, vc2)
        if let categories {
            let (r1, c1, r2, c2) = try categories.checked()
            chart_series_set_categories(series, sheet.name, r1, c1, r2, c2)
        }
        if let name {
            try replaceOwnedCString(&series.pointee.title.name, with: Chart.literal(name))
        }
        if let color {
            if type == .line {
                var line = lxw_chart_line()
                line.color = color.lxwValue
                chart_series_set_line(series, &line)
            } else {
                var fill = lxw_chart_fill()
                fill.color = color.lxwValue
                chart_series_set_fill(series, &fill)
            }
        }
        if !pointColors.isEmpty {
            try setPointColors(series, pointColors)
        }
        if let dataLabels {
            if let position = dataLabels.position {
                chart_series_set_labels_position(series, position.lxwValue)
            }
            chart_series_set_labels_options(series, dataLabels.showSeriesName ? 1 : 0,
                                            dataLabels.showCategory ? 1 : 0, dataLabels.showValue ? 1 : 0)
            if dataLabels.showPercentage { chart_series_set_labels_percentage(series) }
            if let format = dataLabels.numberFormat { chart_series_set_labels_num_format(series, format) }
        }
    }

    private func setPointColors(_ series: UnsafeMutablePointer<lxw_chart_series>, _ colors: [Color]) throws {
        var fills = colors.map { color -> lxw_chart_fill in
            var fill = lxw_chart_fill()
            fill.color = color.lxwValue
            return fill
        }
        try fills.withUnsafeMutableBufferPointer { fillBuffer in
            var points = (0..<fillBuffer.count).map { index -> lxw_chart_point in
                var point = lxw_chart_point()
                point.fill = fillBuffer.baseAddress! + index
                return point
            }
            try points.withUnsafeMutableBufferPointer { pointBuffer in
                // libxlsxwriter copies the points and reads the list up to a NULL entry.
                var list: [UnsafeMutablePointer<lxw_chart_point>?] = (0..<pointBuffer.count).map {
                    pointBuffer.baseAddress! + $0
                }
                list.append(nil)
                try XLSXError.check(chart_series_set_points(series, &list))
            }
        }
    }

    /// Sets the title; nil removes it (Excel otherwise shows the series name for one series).
    public func setTitle(_ title: String?) throws {
        try workbook.checkOpen()
        if let title {
            handle.pointee.title.off = 0
            try replaceOwnedCString(&handle.pointee.title.name, with: Chart.literal(title))
        } else {
            chart_title_off(handle)
        }
    }

    public func setLegend(_ position: LegendPosition) throws {
        try workbook.checkOpen()
        chart_legend_set_position(handle, position.lxwValue)
    }

    /// The axis along which categories are laid out (vertical for bar charts). Ignored for
    /// pie and doughnut charts, which have no axes.
    public func setCategoryAxis(_ axis: ChartAxis) throws {
        try workbook.checkOpen()
        try configure(type.isHorizontal ? handle.pointee.y_axis : handle.pointee.x_axis, axis, isValueAxis: false)
    }

    /// The axis that measures the values (horizontal for bar charts). Ignored for pie and
    /// doughnut charts.
    public func setValueAxis(_ axis: ChartAxis) throws {
        try workbook.checkOpen()
        try configure(type.isHorizontal ? handle.pointee.x_axis : handle.pointee.y_axis, axis, isValueAxis: true)
    }

    private func configure(_ pointer: UnsafeMutablePointer<lxw_chart_axis>?, _ axis: ChartAxis, isValueAxis: Bool) throws {
        guard type.hasAxes, let pointer else { return }
        if !isValueAxis && (axis.min != nil || axis.max != nil || axis.majorUnit != nil) {
            throw XLSXError.invalidArgument("min, max and major unit apply to the value axis only")
        }
        if let format = axis.numberFormat, format.utf8.count > 255 {
            throw XLSXError.invalidArgument("axis number format is too long")
        }
        if let title = axis.title {
            try replaceOwnedCString(&pointer.pointee.title.name, with: Chart.literal(title))
        }
        for value in [axis.min, axis.max, axis.majorUnit] {
            if let value, !value.isFinite { throw XLSXError.invalidArgument("axis limits must be finite") }
        }
        if let min = axis.min { chart_axis_set_min(pointer, min) }
        if let max = axis.max { chart_axis_set_max(pointer, max) }
        if let unit = axis.majorUnit { chart_axis_set_major_unit(pointer, unit) }
        if let format = axis.numberFormat { chart_axis_set_num_format(pointer, format) }
        if axis.reversed { chart_axis_set_reverse(pointer) }
        if let gridlines = axis.majorGridlines { chart_axis_major_gridlines_set_visible(pointer, gridlines ? 1 : 0) }
        if axis.hidden { chart_axis_off(pointer) }
        if axis.crossesAtMaximum { chart_axis_set_crossing_max(pointer) }
    }

    /// Space between bar groups, as a percentage of a bar's width (0–500).
    public func setGap(_ percent: Int) throws {
        try workbook.checkOpen()
        guard (0...500).contains(percent) else { throw XLSXError.invalidArgument("gap must be 0 to 500") }
        chart_set_series_gap(handle, UInt16(percent))
    }

    /// Overlap of bars in a group (-100–100); 100 stacks series on one another, as diverging
    /// bar charts need.
    public func setOverlap(_ percent: Int) throws {
        try workbook.checkOpen()
        guard (-100...100).contains(percent) else { throw XLSXError.invalidArgument("overlap must be -100 to 100") }
        chart_set_series_overlap(handle, Int8(percent))
    }

    /// One of Excel's 48 built-in chart styles.
    public func setStyle(_ style: Int) throws {
        try workbook.checkOpen()
        guard (1...48).contains(style) else { throw XLSXError.invalidArgument("chart style must be 1 to 48") }
        chart_set_style(handle, UInt8(style))
    }

    /// Chart text as written: illegal characters dropped, Excel's 255-character limit kept.
    static func literal(_ text: String) -> String {
        String(CellText.removingIllegalCharacters(text).prefix(255))
    }
}
