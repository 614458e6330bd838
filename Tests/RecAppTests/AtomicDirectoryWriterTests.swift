import Dispatch
import Foundation
@testable import RecApp
import RecCore
import Testing

/// The streaming writer behind `reclens build`: files handed to the sink from several threads
/// land in the new folder (folders made on first use, the old folder's README carried over), and a
/// failed write or check leaves the previous folder as it was, with no temporary folder behind.
@Suite struct AtomicDirectoryWriterTests {
    private func contents(_ folder: URL) -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        while let relative = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
                result[relative] = try? String(contentsOfFile: folder.path + "/" + relative, encoding: .utf8)
            }
        }
        return result
    }

    private func previousSite(in parent: URL) throws -> URL {
        let site = parent.appendingPathComponent("site")
        try AtomicDirectoryWriter.write(files: ["index.html": "old", "README.md": "tracked"], to: site.path)
        return site
    }

    @Test func filesFromSeveralThreadsLandInTheNewFolder() throws {
        let parent = try TemporaryFolder()
        let site = try previousSite(in: parent.url)
        let paths = (0..<300).map { "users/\($0).html" } + (0..<50).map { "figures/deep/\($0).svg" } + ["index.html"]
        try AtomicDirectoryWriter.write(to: site.path) { sink in
            DispatchQueue.concurrentPerform(iterations: paths.count) { sink.write(paths[$0], "page \(paths[$0])") }
        }
        var expected = Dictionary(uniqueKeysWithValues: paths.map { ($0, "page \($0)") })
        expected["README.md"] = "tracked"
        #expect(contents(site) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.url.path) == ["site"])
    }

    @Test func aFailedWriteOrCheckLeavesThePreviousFolder() throws {
        let parent = try TemporaryFolder()
        let site = try previousSite(in: parent.url)
        let before = contents(site)
        // A file where a later file needs a folder: the write fails, naming the file.
        #expect {
            try AtomicDirectoryWriter.write(to: site.path) { sink in
                sink.write("users", "a file")
                sink.write("users/1.html", "page")
            }
        } throws: { error in
            (error as? DataError).map { "\($0)".contains("users") } ?? false
        }
        #expect(contents(site) == before)
        // A check that fails after every file was written.
        #expect(throws: SiteCheckFailure.self) {
            try AtomicDirectoryWriter.write(to: site.path, validate: { _ in throw SiteCheckFailure(problems: ["broken link"]) }) { sink in
                sink.write("index.html", "new")
            }
        }
        #expect(contents(site) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.url.path) == ["site"])
    }
}
