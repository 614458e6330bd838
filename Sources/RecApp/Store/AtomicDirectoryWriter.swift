import Foundation
#if canImport(Glibc)
import Glibc
#endif
import RecCore

/// Writes a whole folder so that readers see either the old folder or the complete new one.
///
/// Files go to a temporary sibling (`.NAME.tmp-PID`), `validate` may inspect it, then the old
/// folder is moved aside, the new one renamed into place and the old one deleted. On any error
/// the temporary folder is removed and the previous folder is left untouched.
///
/// The old folder's ``carriedOver`` files (a README and `.gitkeep` that are not site files) are
/// copied into the new one, so building into a checkout's tracked `site/` leaves `git status` clean.
public enum AtomicDirectoryWriter {
    /// Top-level files of the previous folder kept when the new files do not include them.
    public static let carriedOver = ["README.md", ".gitkeep"]

    public static func write(files: [String: String], to directory: String, validate: ((String) throws -> Void)? = nil) throws {
        try write(to: directory, validate: validate) { sink in
            let entries = files.sorted { $0.key < $1.key }
            let chunk = 64
            DispatchQueue.concurrentPerform(iterations: (entries.count + chunk - 1) / chunk) { c in
                for i in (c * chunk)..<min(entries.count, (c + 1) * chunk) { sink.write(entries[i].key, entries[i].value) }
            }
        }
    }

    /// The same, with the files written as `produce` hands them to the sink (from any thread),
    /// so that a caller never holds them all: `reclens build` writes each page as it renders it.
    public static func write(to directory: String, validate: ((String) throws -> Void)? = nil, produce: (DirectorySink) throws -> Void) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw DataError(file: directory, "cannot create the parent folder \(parent.path): \(reason(error))")
        }
        guard fm.isWritableFile(atPath: parent.path) else {
            throw DataError(file: directory, "output folder is not writable (no write permission on \(parent.path))")
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw DataError(file: directory, "output path exists and is not a folder")
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        let temporary = parent.appendingPathComponent(".\(name).tmp-\(pid)")
        let old = parent.appendingPathComponent(".\(name).old-\(pid)")
        try? fm.removeItem(at: temporary)
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
            let sink = DirectorySink(root: temporary.path)
            try produce(sink)
            if let error = sink.failure.error { throw error }
            try validate?(temporary.path)
            for name in carriedOver where !sink.wrote(name) {
                let previous = target.appendingPathComponent(name)
                if fm.fileExists(atPath: previous.path) {
                    try fm.copyItem(at: previous, to: temporary.appendingPathComponent(name))
                }
            }
            if fm.fileExists(atPath: target.path) { try fm.moveItem(at: target, to: old) }
            do {
                try fm.moveItem(at: temporary, to: target)
            } catch {
                if fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: target) }
                throw error
            }
            try? fm.removeItem(at: old)
        } catch let error as DataError {
            try? fm.removeItem(at: temporary)
            throw error
        } catch let error as SiteCheckFailure {
            try? fm.removeItem(at: temporary)
            throw error
        } catch {
            try? fm.removeItem(at: temporary)
            throw DataError(file: directory, "cannot write the output folder: \(reason(error))")
        }
    }

    /// Where ``write(to:validate:produce:)``'s files go: the temporary folder. Safe to call from
    /// several threads; a file's folders are made on first use. The first error is kept (and
    /// thrown by the writer once `produce` returns); later files are then skipped.
    public final class DirectorySink: @unchecked Sendable {
        let root: String
        let failure = FirstError()
        private let lock = NSLock()
        private var folders: Set<String> = [""]
        private var topLevel: Set<String> = []

        init(root: String) { self.root = root }

        /// Writes `text` to `path` (relative to the folder, "users/1.html").
        public func write(_ path: String, _ text: String) {
            guard failure.error == nil else { return }
            let folder = (path as NSString).deletingLastPathComponent
            let problem: String? = lock.withLock {
                if folder.isEmpty { topLevel.insert(path) }
                guard !folders.contains(folder) else { return nil }
                do {
                    try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
                } catch {
                    return "cannot create the folder: \(AtomicDirectoryWriter.reason(error))"
                }
                folders.insert(folder)
                return nil
            }
            let full = root + "/" + path
            if let problem = problem ?? AtomicDirectoryWriter.writeFile(full, text) { failure.record(DataError(file: full, problem)) }
        }

        /// Whether a top-level file `name` was written.
        func wrote(_ name: String) -> Bool { lock.withLock { topLevel.contains(name) } }
    }

    /// Plain create-write-close. (FileManager.createFile writes a temporary file and renames it,
    /// which doubles the metadata work; the whole folder is already written atomically.)
    fileprivate static func writeFile(_ path: String, _ text: String) -> String? {
        var text = text
        return text.withUTF8 { writeFile(path, $0) }
    }

    private static func writeFile(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "cannot create file: \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return "cannot write file: \(String(cString: strerror(errno)))"
            }
            offset += written
        }
        return nil
    }

    fileprivate static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// Keeps the first error recorded from concurrent work.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Error?
    var error: Error? { lock.withLock { first } }
    func record(_ e: Error) { lock.withLock { if first == nil { first = e } } }
}

/// The generated site failed `reclens check`; the problems are listed. Exit code 1.
public struct SiteCheckFailure: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        "the generated site failed its check (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n" + problems.prefix(50).joined(separator: "\n")
    }
}
