import ArgumentParser
import Foundation
import RecCore
import RecRender

/// Runs a command body, printing errors as one clear line on standard error and mapping them to
/// exit codes: 2 for bad input (`DataError`), 1 for failures (a site that fails its check, I/O).
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as DataError {
        printError("error: \(error)")
        throw ExitCode(2)
    } catch let error as TemplateError {
        printError("error: \(error)")
        throw ExitCode(2)
    } catch let error as SiteCheckFailure {
        printError("error: \(error)")
        throw ExitCode(1)
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
