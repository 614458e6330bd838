import ArgumentParser
import Foundation
import RecCheck
import RecCore

/// `reclens check SITE`: validate a generated site.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a site: HTML and SVG parse with libxml2, internal links and anchors resolve, nothing external.",
        discussion: """
            Every HTML page must parse with libxml2's HTML parser (unknown-HTML5-tag notices aside) and every \
            standalone SVG with its XML parser; every internal link and #anchor must resolve; no page may load \
            an external resource (http, https or //); ids are unique per page; every <svg> has a <title> or \
            aria-label. Problems print as file:line: message; the exit code is 1 when there is any.
            """)

    @Argument(help: ArgumentHelp("Site folder to check.", valueName: "site"))
    var site = "site"

    @Flag(name: .long, help: "Print nothing when the site is clean.")
    var quiet = false

    func run() throws {
        try reportingErrors {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: site, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw DataError(file: site, "no such site folder")
            }
            let problems = try SiteChecker().check(directory: URL(fileURLWithPath: site))
            for problem in problems { print("\(site)/\(problem)") }
            if !problems.isEmpty {
                printError("\(problems.count) problem\(problems.count == 1 ? "" : "s") found")
                throw ExitCode(1)
            }
            if !quiet { print("\(site): no problems (libxml2 \(SiteChecker.libxmlVersion))") }
        }
    }
}
