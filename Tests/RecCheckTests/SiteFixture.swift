/// Small sites built in code for the checker tests: path → text, with helpers to find the line
/// of a marker so tests can state exact expected problems.
struct SiteFixture {
    var pages: [String: String]

    /// The site as the checker takes it.
    var files: [String: [UInt8]] { pages.mapValues { Array($0.utf8) } }

    /// The 1-based line of the first occurrence of `marker` in `file`.
    func line(of marker: String, in file: String) -> Int {
        let text = pages[file]!
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = lines.firstIndex { $0.contains(marker) }!
        return index + 1
    }

    /// A fixture with `file` replaced (or added).
    func with(_ file: String, _ text: String) -> SiteFixture {
        var copy = self
        copy.pages[file] = text
        return copy
    }

    /// An HTML5 page: `head` goes into `<head>` after the title, `body` into `<body>`.
    static func page(title: String = "Page", head: String = "", body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(title)</title>
        \(head)
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// A valid site: nav, sections, inline and standalone SVG, a stylesheet, relative links with
    /// `../`, `./`, `%20`, queries, fragments and a folder with `index.html`.
    static let clean = SiteFixture(pages: [
        "index.html": page(
            title: "RecLens",
            head: """
                <link rel="stylesheet" href="style.css">
                <style>
                  .hero { background: url("figures/chart.svg"); }
                  .none { background: url(data:image/png;base64,iVBORw0KGgo=); }
                </style>
                """,
            body: """
                <nav><a href="./index.html">Home</a> <a href="users/">Users</a> <a href="users/12.html#history">User 12</a></nav>
                <main>
                <section id="overview">
                <h1>Overview</h1>
                <p>Recall &amp; precision, <a href="#overview">permalink</a>, <a href="#top">top</a>.</p>
                <svg viewBox="0 0 100 50" role="img" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
                <title>Recall at 10</title>
                <defs><linearGradient id="fade"><stop offset="0" stop-color="#000"/></linearGradient></defs>
                <g><rect x="1" y="1" width="20" height="30" fill="url(#fade)"/><path d="M0 0L10 10"/>
                <text x="5" y="45">0.35 &lt; 0.40</text><use xlink:href="#fade"/></g>
                </svg>
                <svg aria-label="Sparkline" viewBox="0 0 10 10"><polyline points="0,0 5,5 10,0"/></svg>
                <img src="figures/my%20chart.svg?v=2" alt="chart">
                <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
                <p><a href="https://example.org">Example</a> <a href="mailto:team@example.org">Mail</a>
                <a href="http://example.org/paper.pdf">Paper</a> <a href="//example.org/x">Other</a></p>
                </section>
                </main>
                """),
        "users/index.html": page(
            head: #"<link rel="stylesheet" href="../style.css">"#,
            body: """
                <main><ul><li><a href="12.html">User 12</a></li><li><a href="./12.html#history">History</a></li></ul>
                <a href="../index.html#overview">Back</a> <a href="..">Home folder</a></main>
                """),
        "users/12.html": page(
            head: #"<link rel="stylesheet" href="/style.css">"#,
            body: """
                <section id="history"><h2 style="background: url('../figures/chart.svg')">History</h2>
                <a name="old"></a><a href="#old">old</a> <a href="../figures/chart.svg#bars">bars</a>
                <img src="../figures/my chart.svg" alt="same chart"></section>
                """),
        "style.css": """
            @import "print.css";
            body { font-family: sans-serif; }
            /* url(http://commented.example/out.png) is a comment */
            .logo { background-image: url( 'figures/chart.svg' ); }

            """,
        "print.css": "body { color: black; }\n",
        "figures/chart.svg": """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
            <title>Chart</title>
            <g id="bars"><rect x="0" y="0" width="2" height="5"/></g>
            <use xlink:href="#bars"/><use href="#bars"/>
            <a xlink:href="../index.html#overview"><text x="0" y="9">home</text></a>
            </svg>

            """,
        "figures/my chart.svg": """
            <svg xmlns="http://www.w3.org/2000/svg" aria-label="Same chart"><rect width="1" height="1"/></svg>

            """,
    ])
}
