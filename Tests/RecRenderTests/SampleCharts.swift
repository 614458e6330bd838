import Foundation
import RecRender

/// Realistic sample charts shared by the chart tests and the sample writer.
enum SampleCharts {
    static let titles = ["Toy Story (1995)", "GoldenEye (1995)", "Four Rooms (1995)", "Get Shorty (1995)",
                         "Copycat (1995)", "Shanghai Triad (Yao a yao yao dao waipo qiao) (1995)", "Twelve Monkeys (1995)",
                         "Babe (1995)", "Dead Man Walking (1995)", "Richard III (1995)", "Seven (Se7en) (1995)",
                         "Usual Suspects, The (1995)", "Mighty Aphrodite (1995)", "Postino, Il (1994)",
                         "Mr. Holland's Opus (1995)", "French Twist (Gazon maudit) (1995)", "From Dusk Till Dawn (1996)",
                         "White Balloon, The (1995)", "Antonia's Line (1995)", "Angels and Insects (1995)",
                         "Muppet Treasure Island (1996)", "Braveheart (1995)", "Taxi Driver (1976)", "Rumble in the Bronx (1995)",
                         "Birdcage, The (1996)"]

    /// 20 history rows × 10 recommended columns with a deterministic signed pattern.
    static func heatmap(rows: Int = 20, columns: Int = 10) -> Heatmap {
        let values = (0..<rows).map { r in
            (0..<columns).map { c -> Double in
                if r == 3 && c == 2 { return .nan }
                let phase: Double = Double(r * 7 + c * 3) * 0.37
                let decay: Double = exp(-Double(r) / 12)
                let v: Double = sin(phase) * decay * 0.8
                return (v * 1000).rounded() / 1000
            }
        }
        return Heatmap(title: "Why these recommendations? Shapley values per history item",
                       rowLabels: (0..<rows).map { titles[$0 % titles.count] },
                       columnLabels: (0..<columns).map { titles[($0 + 7) % titles.count] },
                       values: values, rowAxisTitle: "history (most recent first)",
                       columnAxisTitle: "recommended items", valueCaption: "Shapley value",
                       rowHrefs: (0..<rows).map { "../items/\($0 + 1).html" },
                       columnHrefs: (0..<columns).map { "../items/\($0 + 8).html" })
    }

    static func lineChart(logY: Bool = false) -> LineChart {
        let names = ["PMF (adaptive λ)", "MF without regularisation", "ALS", "BPR-MF"]
        let series = names.enumerated().map { index, name in
            LineChart.Series(name: name, points: (1...30).map { epoch in
                let e = Double(epoch)
                let k = Double(index)
                let drift: Double = index == 1 ? e * 0.004 : 0
                let y: Double = 0.85 + k * 0.05 + 0.6 * exp(-e / (4 + k)) + drift
                let lambda: Double = pow(10, -e / 6 + k)
                return (x: e, y: logY ? lambda : y)
            })
        }
        return LineChart(title: logY ? "Learned precision λ" : "Validation RMSE by epoch", xAxisTitle: "epoch",
                         yAxisTitle: logY ? "λ" : "RMSE", series: series, logY: logY,
                         referenceLine: logY ? nil : .init(y: 0.94, label: "global mean baseline"))
    }

    static func barChart() -> SignedBarChart {
        SignedBarChart(title: "Feature attributions for the top recommendation",
                       labels: ["rating of last event", "time since previous event", "genre: Drama", "genre: Comedy",
                                "genre: Children's", "item popularity", longLabel],
                       values: [0.412, -0.135, 0.087, -0.24, 0.009, -0.031, 0.15], valueAxisTitle: "contribution to score")
    }

    static func histogram() -> Histogram {
        Histogram(title: "Ratings per user", bins: (0..<12).map { i in
            let count: Double = (900 * exp(-Double(i) / 2.5)).rounded(.down)
            return Histogram.Bin(lower: Double(20 + i * 50), upper: Double(70 + i * 50), count: count)
        }, xAxisTitle: "ratings per user", yAxisTitle: "users")
    }

    static func timeline() -> Timeline {
        Timeline(title: "User 196's history", points: (0..<40).map { i in
            Timeline.Point(time: 875_000_000 + Int64(i) * 1_300_000 + Int64(i * i) * 20_000,
                           value: Double(1 + (i * 7) % 5), label: titles[i % titles.count])
        })
    }
}
