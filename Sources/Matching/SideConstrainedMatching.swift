// Mode `optimal` with side constraints: at most `maxPerDepartment` assignments of cadres from
// one former department, at most `maxPerTown` assignments to enterprises in one town.
// These break the network structure, so:
// - GLPK: an exact MIP in two phases like OptimalMatching (maximize coverage, then fix it and
//   maximize the score): binary x per candidate pair, y_e ≤ Σ x (enterprise covered),
//   capacities, pins (x = 1), mandatory (y = 1), and one row per department and per town.
//   With a time limit, the best incumbent is reported as `feasible` with GLPK's bound.
// - native (no GLPK, or asked for): the unconstrained optimum (whose score is a valid upper
//   bound) repaired greedily — in every over-full department or town the lowest-scoring
//   removable assignments are dropped (never a pin, a mandatory enterprise's last cadre only
//   if nothing else works), then freed capacity is refilled by the best pairs that keep every
//   limit. Reported as `feasible` with that bound, or `optimal` when it meets the bound.

import NuanqiCore
import Solvers

public enum SideConstrainedMatching {
    public static func solve(_ model: MatchingModel, using choice: SolverChoice,
                             glpkOptions: GLPK.Options = GLPK.Options(timeLimit: 60)) throws -> MatchingSolution {
        if choice != .native && GLPK.isAvailable {
            return try solveWithGLPK(model, options: glpkOptions)
        }
        if choice == .glpk { throw SolverError.glpkUnavailable }
        return try repairHeuristic(model)
    }

    /// Which limit rows a candidate pair counts in.
    static func groups(_ model: MatchingModel) -> (department: [Int?], town: [Int?], limits: [Int]) {
        let policy = model.instance.policy
        var limits: [Int] = []
        var departmentGroup: [String: Int] = [:], townGroup: [String: Int] = [:]
        var department = [Int?](repeating: nil, count: model.candidates.count)
        var town = [Int?](repeating: nil, count: model.candidates.count)
        for (index, candidate) in model.candidates.enumerated() {
            if let limit = policy.maxPerDepartment {
                let name = model.cadres[candidate.cadre].department
                if departmentGroup[name] == nil { departmentGroup[name] = limits.count; limits.append(limit) }
                department[index] = departmentGroup[name]
            }
            if let limit = policy.maxPerTown {
                let name = model.enterprises[candidate.enterprise].town
                if townGroup[name] == nil { townGroup[name] = limits.count; limits.append(limit) }
                town[index] = townGroup[name]
            }
        }
        return (department, town, limits)
    }

    static func solveWithGLPK(_ model: MatchingModel, options: GLPK.Options) throws -> MatchingSolution {
        let (department, town, limits) = groups(model)
        func program(coverageAtLeast: Int?) -> (LinearProgram, coveredColumns: [Int]) {
            var program = LinearProgram(sense: .maximize)
            for candidate in model.candidates {
                let objective = coverageAtLeast == nil ? 0 : Double(candidate.score)
                program.addColumn(lower: candidate.pinned ? 1 : 0, upper: 1, objective: objective, isInteger: true)
            }
            let covered = model.enterprises.map { enterprise in
                program.addColumn(lower: enterprise.mandatory ? 1 : 0, upper: 1, objective: coverageAtLeast == nil ? 1 : 0, isInteger: true)
            }
            var byCadre = [[(column: Int, value: Double)]](repeating: [], count: model.cadres.count)
            var byEnterprise = [[(column: Int, value: Double)]](repeating: [], count: model.enterprises.count)
            var byGroup = [[(column: Int, value: Double)]](repeating: [], count: limits.count)
            for (index, candidate) in model.candidates.enumerated() {
                byCadre[candidate.cadre].append((index, 1))
                byEnterprise[candidate.enterprise].append((index, 1))
                if let group = department[index] { byGroup[group].append((index, 1)) }
                if let group = town[index] { byGroup[group].append((index, 1)) }
            }
            for (cadre, terms) in byCadre.enumerated() { program.addRow(terms, upper: Double(model.cadres[cadre].capacity)) }
            for (enterprise, terms) in byEnterprise.enumerated() {
                program.addRow(terms, upper: Double(model.enterprises[enterprise].capacity))
                program.addRow(terms + [(covered[enterprise], -1)], lower: 0)   // covered only if someone serves it
            }
            for (group, terms) in byGroup.enumerated() { program.addRow(terms, upper: Double(limits[group])) }
            if let coverageAtLeast { program.addRow(covered.map { ($0, 1.0) }, lower: Double(coverageAtLeast)) }
            return (program, covered)
        }
        // Without coverageFirst the coverage phase only has to prove feasibility.
        let coverageFirst = model.instance.policy.coverageFirst
        let first = try GLPK.solve(program(coverageAtLeast: nil).0, options: options)
        switch first.status {
        case .infeasible:
            let certificate = try OptimalMatching.hallViolation(model)
            return MatchingSolution(status: .infeasible, assignments: [], objective: 0, coveredEnterprises: 0, bound: nil,
                                    solver: "glpk-branch-and-cut",
                                    reason: certificate == nil ? "no assignment meets the side constraints together with the pins and key projects"
                                                               : "mandatory coverage is impossible; the certificate comes from a min cut",
                                    infeasibility: certificate)
        case .optimal, .feasible:
            break
        default:
            return try repairHeuristic(model)
        }
        let coverage = coverageFirst ? Int((first.objective ?? 0).rounded()) : 0
        let second = try GLPK.solve(program(coverageAtLeast: coverage).0, options: options)
        guard second.status == .optimal || second.status == .feasible else { return try repairHeuristic(model) }
        let chosen = model.candidates.indices.filter { second.columnValues[$0] > 0.5 }
        let objective = chosen.reduce(Score(0)) { $0 + model.candidates[$1].score }
        let exact = first.status == .optimal && second.status == .optimal
        return MatchingSolution(status: exact ? .optimal : .feasible, assignments: chosen, objective: objective,
                                coveredEnterprises: Set(chosen.map { model.candidates[$0].enterprise }).count,
                                bound: exact ? objective : second.bound.map { Score($0.rounded(.down)) },
                                solver: "glpk-branch-and-cut",
                                reason: "side constraints (maxPerDepartment/maxPerTown) make it a MIP" + (coverageFirst ? ": two phases, coverage then score" : ""),
                                infeasibility: nil)
    }

    /// The greedy repair described in the file comment.
    static func repairHeuristic(_ model: MatchingModel) throws -> MatchingSolution {
        let unconstrained = try OptimalMatching.solve(model, using: .native)
        guard unconstrained.status == .optimal else { return unconstrained }
        let bound = try OptimalMatching.scoreBound(model)
        let (department, town, limits) = groups(model)
        var load = [Int](repeating: 0, count: limits.count)
        var chosen = Set(unconstrained.assignments)
        for index in chosen {
            if let group = department[index] { load[group] += 1 }
            if let group = town[index] { load[group] += 1 }
        }
        var enterpriseLoad = [Int](repeating: 0, count: model.enterprises.count)
        var cadreLoad = [Int](repeating: 0, count: model.cadres.count)
        for index in chosen {
            enterpriseLoad[model.candidates[index].enterprise] += 1
            cadreLoad[model.candidates[index].cadre] += 1
        }
        func groupsOf(_ index: Int) -> [Int] { [department[index], town[index]].compactMap { $0 } }
        // Drop: lowest score first; pins never; an enterprise's last cadre only when mandatory is not at stake.
        let removable = chosen.sorted { (model.candidates[$0].score, $0) < (model.candidates[$1].score, $1) }
        for group in limits.indices where load[group] > limits[group] {
            for index in removable where load[group] > limits[group] && chosen.contains(index) && groupsOf(index).contains(group) {
                let candidate = model.candidates[index]
                if candidate.pinned { continue }
                if model.enterprises[candidate.enterprise].mandatory && enterpriseLoad[candidate.enterprise] == 1 { continue }
                chosen.remove(index)
                for other in groupsOf(index) { load[other] -= 1 }
                enterpriseLoad[candidate.enterprise] -= 1
                cadreLoad[candidate.cadre] -= 1
            }
            if load[group] > limits[group] {
                throw SolverError.unsupported(solver: "native", reason: "the repair heuristic cannot meet the side constraints without dropping a pin or a key project's only cadre; use --solver glpk")
            }
        }
        // Refill: best pairs first, uncovered enterprises before extra places.
        let order = model.candidates.indices.filter { !chosen.contains($0) }.sorted { left, right in
            let a = model.candidates[left], b = model.candidates[right]
            let coverA = enterpriseLoad[a.enterprise] == 0, coverB = enterpriseLoad[b.enterprise] == 0
            if coverA != coverB { return coverA }
            return (a.score, right) > (b.score, left)
        }
        for index in order {
            let candidate = model.candidates[index]
            guard cadreLoad[candidate.cadre] < model.cadres[candidate.cadre].capacity,
                  enterpriseLoad[candidate.enterprise] < model.enterprises[candidate.enterprise].capacity,
                  groupsOf(index).allSatisfy({ load[$0] < limits[$0] }),
                  candidate.score > 0 || (model.instance.policy.coverageFirst && enterpriseLoad[candidate.enterprise] == 0) else { continue }
            chosen.insert(index)
            for group in groupsOf(index) { load[group] += 1 }
            cadreLoad[candidate.cadre] += 1
            enterpriseLoad[candidate.enterprise] += 1
        }
        let assignments = chosen.sorted()
        let objective = assignments.reduce(Score(0)) { $0 + model.candidates[$1].score }
        return MatchingSolution(status: objective == bound ? .optimal : .feasible, assignments: assignments, objective: objective,
                                coveredEnterprises: enterpriseLoad.filter { $0 > 0 }.count, bound: bound,
                                solver: "native-repair-heuristic",
                                reason: "side constraints without GLPK: the unconstrained optimum repaired greedily; bound = unconstrained best score",
                                infeasibility: nil)
    }
}
