import RecRender
import Testing

@Suite struct EgoGraphChartTests {
    @Test(arguments: [10, 30, 60])
    func samplesAreValidCharts(nodeCount: Int) {
        let chart = SampleEgoGraphs.chart(nodeCount: nodeCount)
        let (svg, figure) = chart.rendered(id: "ego")
        expectValidChart(svg: svg, figure: figure, id: "ego")
        #expect(svg.contains("rl-node-query") && svg.contains("rl-node-hop-1") && svg.contains("rl-edge"))
        #expect(svg.components(separatedBy: "<a href=").count - 1 == chart.nodes.count)
    }

    @Test func labelsDoNotOverlapOnThirtyNodes() {
        let chart = SampleEgoGraphs.chart(nodeCount: 30)
        #expect(chart.nodes.count == 30)
        let layout = chart.layout()
        let boxes = layout.labels.map(\.box)
        for i in 0..<boxes.count {
            #expect(boxes[i].areaOutside(layout.labelBounds) < 1e-6, "label \(i) leaves the drawing")
            for j in (i + 1)..<boxes.count { #expect(!boxes[i].intersects(boxes[j]), "labels \(i) and \(j) overlap") }
            for j in 0..<boxes.count where j != i {
                let node = LabelBox(around: layout.positions[j], radius: layout.radii[j])
                #expect(!boxes[i].intersects(node), "label \(i) covers node \(j)")
            }
        }
        // Nodes do not overlap each other either.
        for i in 0..<30 { for j in (i + 1)..<30 {
            #expect(layout.positions[i].distance(to: layout.positions[j]) >= layout.radii[i] + layout.radii[j])
        } }
    }

    @Test func layoutIsDeterministic() {
        #expect(SampleEgoGraphs.chart(nodeCount: 60).layout() == SampleEgoGraphs.chart(nodeCount: 60).layout())
        #expect(SampleEgoGraphs.chart(nodeCount: 30).svg(id: "a") == SampleEgoGraphs.chart(nodeCount: 30).svg(id: "a"))
    }

    @Test func hostileTitlesAreEscapedAndTruncated() {
        let chart = EgoGraphChart(title: hostileLabel, nodes: [
            .init(label: hostileLabel, href: "items/1.html?a=1&b=2", hop: 0, isQuery: true),
            .init(label: longLabel, href: "javascript:alert(1)", hop: 1),
            .init(label: "<script>&\"'", hop: 2),
        ], edges: [.init(from: 0, to: 1, weight: 1, similarity: 0.83), .init(from: 1, to: 2, weight: 0.4, similarity: 0.5),
                   .init(from: 2, to: 2, weight: 1, similarity: 1), .init(from: 0, to: 9, weight: 1, similarity: 1)])
        let (svg, figure) = chart.rendered(id: "x")
        expectValidChart(svg: svg, figure: figure, id: "x")
        #expect(!svg.contains("<script") && !svg.contains("javascript:"))
        #expect(svg.contains("&lt;script&gt;&amp;&quot;&#39;"))
        #expect(svg.contains("href=\"items/1.html?a=1&amp;b=2\""))
        // Long titles are cut on the drawing, complete in the tooltip.
        #expect(svg.contains(">The Extraordinarily Lon…<") || svg.contains(">The Extraordi…<"))
        #expect(svg.contains("<title>\(longLabel.xmlEscaped) — hop 1 — similarity 0.83 to "))
        // Self-loops and out-of-range endpoints are dropped: 2 edges.
        #expect(chart.csv().hasPrefix("source,target,weight,similarity\n") && chart.csv().hasSuffix(",0.4,0.5\n"))
        #expect(svg.components(separatedBy: "class=\"rl-edge\"").count - 1 == 2 + 3)  // + 3 legend samples
    }

    @Test func csvIsTheEdgeList() {
        let chart = EgoGraphChart(title: "t", nodes: [.init(label: "A, the", hop: 0, isQuery: true), .init(label: "B", hop: 1)],
                                  edges: [.init(from: 0, to: 1, weight: 0.8, similarity: 0.25)])
        #expect(chart.csv() == "source,target,weight,similarity\n\"A, the\",B,0.8,0.25\n")
    }

    @Test func emptyAndTinyGraphs() {
        let empty = EgoGraphChart(title: "none", nodes: [], edges: [])
        expectValidChart(svg: empty.svg(id: "e"), figure: empty.figure(id: "e"), id: "e")
        #expect(empty.svg(id: "e").contains("No data"))
        for count in 1...3 {
            let nodes = (0..<count).map { EgoGraphChart.Node(label: "Item \($0)", hop: min($0, 1), isQuery: $0 == 0) }
            let chart = EgoGraphChart(title: "tiny", nodes: nodes, edges: [])
            expectValidChart(svg: chart.svg(id: "t"), figure: chart.figure(id: "t"), id: "t")
        }
    }

    @Test func goldenSmallGraph() throws {
        try expectGolden(SampleEgoGraphs.chart(nodeCount: 10).figure(id: "ego"), named: "ego-graph-10.svg")
    }
}
