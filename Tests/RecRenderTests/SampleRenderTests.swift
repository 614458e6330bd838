import Foundation
import RecRender
import Testing

/// Writes every sample chart as a standalone figure and as an HTML page (light and dark via the
/// page stylesheet) into `$RECLENS_SAMPLES_DIR`, for looking at them; does nothing otherwise.
@Suite struct SampleRenderTests {
    @Test func writeSamplesWhenAsked() throws {
        guard let dir = ProcessInfo.processInfo.environment["RECLENS_SAMPLES_DIR"] else { return }
        let charts: [(String, String, String)] = [
            ("heatmap", SampleCharts.heatmap().figure(id: "h"), SampleCharts.heatmap().svg(id: "h")),
            ("heatmap-small", SampleCharts.heatmap(rows: 3, columns: 4).figure(id: "h"), SampleCharts.heatmap(rows: 3, columns: 4).svg(id: "h")),
            ("line", SampleCharts.lineChart().figure(id: "l"), SampleCharts.lineChart().svg(id: "l")),
            ("line-log", SampleCharts.lineChart(logY: true).figure(id: "l"), SampleCharts.lineChart(logY: true).svg(id: "l")),
            ("bars", SampleCharts.barChart().figure(id: "b"), SampleCharts.barChart().svg(id: "b")),
            ("histogram", SampleCharts.histogram().figure(id: "g"), SampleCharts.histogram().svg(id: "g")),
            ("timeline", SampleCharts.timeline().figure(id: "t"), SampleCharts.timeline().svg(id: "t")),
            ("ego-10", SampleEgoGraphs.chart(nodeCount: 10).figure(id: "g"), SampleEgoGraphs.chart(nodeCount: 10).svg(id: "g")),
            ("ego-30", SampleEgoGraphs.chart(nodeCount: 30).figure(id: "g"), SampleEgoGraphs.chart(nodeCount: 30).svg(id: "g")),
            ("ego-60", SampleEgoGraphs.chart(nodeCount: 60).figure(id: "g"), SampleEgoGraphs.chart(nodeCount: 60).svg(id: "g")),
            ("empty", LineChart(title: "Nothing yet", series: []).figure(id: "e"), LineChart(title: "Nothing yet", series: []).svg(id: "e")),
        ]
        for (name, figure, inline) in charts {
            try Data(figure.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(name).svg"))
            let page = "<!doctype html><html><head><meta charset=\"utf-8\"><style>body{margin:8px;font-family:sans-serif}"
                + "@media (prefers-color-scheme: dark){body{background:#0d1117;color:#e6edf3}}"
                + ChartStyle.css + "</style></head><body>" + inline + "</body></html>"
            try Data(page.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(name).html"))
        }
    }
}
