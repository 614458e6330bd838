import RecRender
import Testing

@Suite struct SVGElementTests {
    @Test func serializesAttributesInOrderAndSelfClosesEmptyElements() {
        let rect = SVGElement("rect", ["x": 1.5, "y": "\(2.0 / 3)", "class": "rl-bar"])
        #expect(rect.svgString == "<rect x=\"1.5\" y=\"0.67\" class=\"rl-bar\"/>")
    }

    @Test func escapesAttributeValuesAndText() {
        var text = SVGElement.text(hostileLabel, ["data-label": SVGValue(hostileLabel)])
        text.append(.title("a < b"))
        let out = text.svgString
        #expect(!out.contains("<script>"))
        #expect(out.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;"))
        #expect(out.contains("<title>a &lt; b</title>"))
        #expect(XMLCheck(out).error == nil)
    }

    @Test func onlyTheNamedAPIEmitsRawMarkup() {
        var group = SVGElement("g")
        group.append(node: .unescapedMarkup("<rect/>"))
        group.appendText("<rect/>")
        #expect(group.svgString == "<g><rect/>&lt;rect/&gt;</g>")
    }

    @Test func linksRejectScriptURLs() {
        let text = SVGElement.text("x")
        #expect(SVGElement.link("../items/1.html", around: text).name.description == "a")
        #expect(SVGElement.link(" JavaScript:alert(1)", around: text).name.description == "text")
        #expect(SVGElement.link("data:text/html,x", around: text).name.description == "text")
        #expect(SVGElement.link(nil, around: text).name.description == "text")
    }

    @Test func interpolationFormatsNumbersAsCoordinates() {
        let value: SVGValue = "translate(\(10.0 / 3), \(-0.0001)) rotate(\(-40))"
        #expect(value.text == "translate(3.33, 0) rotate(-40)")
    }
}
