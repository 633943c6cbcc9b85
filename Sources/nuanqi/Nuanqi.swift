// The `nuanqi` command: parses arguments, calls a module, writes results. Exit codes are part
// of the contract: 0 solved, 1 infeasible (certificate printed), 2 bad input or usage,
// 3 internal or solver error.

import ArgumentParser
import Foundation
import NuanqiCore
import Scenarios
import Solvers

@main
struct Nuanqi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nuanqi",
        abstract: "Exact optimization for cadre dispatch (暖企专员) and pollution-permit brokering.",
        discussion: "Exit codes: 0 solved, 1 infeasible (with a certificate), 2 bad input, 3 internal or solver error.",
        version: NuanqiVersion.string,
        subcommands: [Assign.self, Match.self, Broker.self, WhatIfCommand.self, Merge.self, Round.self, ReplayCommand.self, Flow.self, Generate.self])

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let input as InputError {
            fail(input.description, code: .badInput)
        } catch let model as ModelError {
            fail("the input cannot be solved as given: \(model.description)", code: .badInput)
        } catch let solver as SolverError {
            fail(solver.description, code: .solverError)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // Usage mistakes are bad input too (ArgumentParser would exit 64).
            fail(fullMessage(for: error), code: code == .validationFailure ? .badInput : .solverError)
        }
    }

    static func fail(_ message: String, code: NuanqiExitCode) -> Never {
        FileHandle.standardError.write(Data(("nuanqi: " + message + "\n").utf8))
        Foundation.exit(code.rawValue)
    }
}

/// The exit codes users script against.
enum NuanqiExitCode: Int32 {
    case solved = 0
    case infeasible = 1
    case badInput = 2
    case solverError = 3
}

enum NuanqiVersion {
    static let string = RunRecord.nuanqiVersion
}

extension SolverChoice: ExpressibleByArgument {}
