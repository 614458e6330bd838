import RecRender
import Testing

@Suite struct ChartStyleTests {
    @Test func cssHasLightAndDarkRulesForEveryClassUsed() {
        for name in ["rl-axis", "rl-grid", "rl-tick-label", "rl-axis-title", "rl-series-0", "rl-series-7",
                     "rl-bar-positive", "rl-bar-negative", "rl-cell-empty", "rl-ref"] {
            #expect(ChartStyle.lightCSS.contains("." + name))
        }
        #expect(ChartStyle.css.contains("@media (prefers-color-scheme: dark)"))
        #expect(!ChartStyle.lightCSS.contains("prefers-color-scheme"))
        #expect(!ChartStyle.css.contains("<") && !ChartStyle.css.contains("&"))
    }
}
