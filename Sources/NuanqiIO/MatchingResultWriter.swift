// The `nuanqi.match-result/1` JSON (DESIGN "Formats, version 1"): keys in a fixed order, scores
// as exact decimals, assignments sorted by cadre id then enterprise id.

import Matching
import NuanqiCore

public enum MatchingResultWriter {
    /// `verification` for a solution, `certificateHolds` for an infeasible verdict;
    /// `forcing[e]` is the best plan that also covers unassigned enterprise e (nil inside: it
    /// cannot be covered without uncovering a key project).
    public static func json(_ solution: MatchingSolution, model: MatchingModel, verification: MatchingVerification?,
                            certificateHolds: Bool?, forcing: [Int: MatchingSolution?] = [:]) -> JSONValue {
        func score(_ value: Score) -> JSONValue { .number(MatchingExplanation.format(value)) }
        let feasible = solution.status == .optimal || solution.status == .feasible
        let assignments = solution.assignments.map { model.candidates[$0] }.sorted {
            (model.cadres[$0.cadre].id, model.enterprises[$0.enterprise].id) < (model.cadres[$1.cadre].id, model.enterprises[$1.enterprise].id)
        }
        let covered = Set(assignments.map(\.enterprise))
        var assignedTo = [[Int]](repeating: [], count: model.cadres.count)
        for candidate in assignments { assignedTo[candidate.cadre].append(candidate.enterprise) }
        let unassigned = feasible ? model.enterprises.indices.filter { model.enterprises[$0].optedIn && !covered.contains($0) } : []
        let mandatory = model.enterprises.indices.filter { model.enterprises[$0].mandatory }
        var members: [(String, JSONValue)] = [
            ("format", .string("nuanqi.match-result/1")),
            ("status", .string(solution.status.rawValue)),
            ("solver", .string(solution.solver)),
            ("reason", .string(solution.reason)),
            ("mode", .string(model.instance.policy.mode.rawValue)),
            ("asOf", .string(model.eligibility.asOf.description)),
            ("objective", feasible ? score(solution.objective) : .null),
            ("bound", solution.bound.map(score) ?? .null),
            ("coveredEnterprises", .integer(feasible ? solution.coveredEnterprises : 0)),
            ("mandatoryCovered", .string("\(mandatory.filter { covered.contains($0) }.count) of \(mandatory.count)")),
            ("candidatePairs", .integer(model.candidates.count)),
            ("assignments", .array(assignments.map { candidate in
                .object([
                    ("cadre", .string(model.cadres[candidate.cadre].id)),
                    ("cadreName", .string(model.cadres[candidate.cadre].name)),
                    ("enterprise", .string(model.enterprises[candidate.enterprise].id)),
                    ("enterpriseName", .string(model.enterprises[candidate.enterprise].name)),
                    ("score", score(candidate.score)),
                    ("why", .string(MatchingExplanation.why(candidate, in: model))),
                ])
            })),
            ("unassignedEnterprises", .array(unassigned.map { enterprise -> JSONValue in
                var fields: [(String, JSONValue)] = [
                    ("id", .string(model.enterprises[enterprise].id)),
                    ("name", .string(model.enterprises[enterprise].name)),
                    ("mandatory", .bool(model.enterprises[enterprise].mandatory)),
                    ("reason", .string(MatchingExplanation.unassignedReason(enterprise, in: model, assignedTo: assignedTo))),
                ]
                if let forced = forcing[enterprise] {
                    if let forced {
                        fields.append(("forcingCost", score(solution.objective - forced.objective)))
                        fields.append(("forcingNote", .string("covering it too gives objective \(MatchingExplanation.format(forced.objective)) with \(forced.coveredEnterprises) enterprises covered")))
                    } else {
                        fields.append(("forcingCost", .null))
                        fields.append(("forcingNote", .string("it cannot be covered without leaving a key project uncovered")))
                    }
                }
                return .object(fields)
            })),
        ]
        if let certificate = solution.infeasibility {
            members.append(("infeasibility", .object([
                ("explanation", .string("these \(certificate.mandatoryEnterprises.count) mandatory enterprises can only be served by the cadres listed, whose free capacity is \(certificate.capacity): they cannot all be covered")),
                ("mandatoryEnterprises", .array(certificate.mandatoryEnterprises.map { .string(model.enterprises[$0].id) })),
                ("cadres", .array(certificate.cadres.map { .string(model.cadres[$0].id) })),
                ("capacity", .integer(certificate.capacity)),
            ])))
        } else if solution.status == .infeasible {
            members.append(("infeasibility", .object([("explanation", .string(solution.reason))])))
        } else {
            members.append(("infeasibility", .null))
        }
        members.append(("blockingPairs", solution.blockingPairs.map { .integer($0) } ?? .null))
        if let verification {
            members.append(("verification", .object([
                ("feasible", .bool(verification.feasible)),
                ("objective", score(verification.objective)),
                ("coveredEnterprises", .integer(verification.coveredEnterprises)),
            ])))
        } else {
            members.append(("verification", .object([("feasible", .bool(false)), ("certificateHolds", certificateHolds.map { .bool($0) } ?? .null)])))
        }
        return .object(members)
    }
}
