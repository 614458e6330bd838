import Foundation

extension FidelityArtifact {
    /// Header of ``csv()``.
    public static let csvHeader = "model,explainer,metric,lower_is_better,users,mean,low,high"

    /// One row per (model, explainer, metric) in artifact order: the mean AUC over users and its
    /// bootstrap interval, empty when undefined. Numbers in Swift's shortest round-trip form.
    public func csv() -> String {
        var out = Self.csvHeader + "\n"
        for model in models {
            for row in model.rows {
                for metric in row.summary.metrics {
                    let fields = [model.name, row.explainer, metric.name, metric.lowerIsBetter ? "true" : "false", "\(metric.users)",
                                  metric.mean.map { "\($0)" } ?? "", metric.low.map { "\($0)" } ?? "", metric.high.map { "\($0)" } ?? ""]
                    out += fields.map(Self.csvField).joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }

    private static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
