// Brute force for tiny matching instances: every subset of candidate pairs, keeping those that
// respect capacities, pins and mandatory coverage, best by (coverage if coverageFirst, score).

import Matching
import NuanqiCore

public enum MatchingOracle {
    /// maxPerDepartment / maxPerTown, counted over assignments.
    static func withinLimits(_ mask: Int, _ model: MatchingModel) -> Bool {
        let policy = model.instance.policy
        var departments: [String: Int] = [:], towns: [String: Int] = [:]
        for (bit, candidate) in model.candidates.enumerated() where mask & (1 << bit) != 0 {
            departments[model.cadres[candidate.cadre].department, default: 0] += 1
            towns[model.enterprises[candidate.enterprise].town, default: 0] += 1
        }
        if let limit = policy.maxPerDepartment, departments.values.contains(where: { $0 > limit }) { return false }
        if let limit = policy.maxPerTown, towns.values.contains(where: { $0 > limit }) { return false }
        return true
    }

    /// (covered enterprises, score) of the lexicographic optimum, or nil when infeasible.
    /// `alsoCovered` must be covered too (as when a planner forces it), without becoming a key
    /// project.
    public static func best(_ model: MatchingModel, alsoCovered: Int? = nil) -> (covered: Int, score: Score)? {
        let candidates = model.candidates
        precondition(candidates.count <= 18, "brute force is for tiny instances")
        var best: (covered: Int, score: Score)? = nil
        let coverageFirst = model.instance.policy.coverageFirst
        for mask in 0 ..< (1 << candidates.count) {
            var cadreLoad = [Int](repeating: 0, count: model.cadres.count)
            var enterpriseLoad = [Int](repeating: 0, count: model.enterprises.count)
            var score: Score = 0
            var valid = true
            for (bit, candidate) in candidates.enumerated() {
                let chosen = mask & (1 << bit) != 0
                if candidate.pinned && !chosen { valid = false; break }
                guard chosen else { continue }
                cadreLoad[candidate.cadre] += 1
                enterpriseLoad[candidate.enterprise] += 1
                score += candidate.score
            }
            guard valid else { continue }
            if model.cadres.indices.contains(where: { cadreLoad[$0] > model.cadres[$0].capacity }) { continue }
            if model.enterprises.indices.contains(where: { enterpriseLoad[$0] > model.enterprises[$0].capacity }) { continue }
            if model.enterprises.indices.contains(where: { model.enterprises[$0].mandatory && enterpriseLoad[$0] == 0 }) { continue }
            if !withinLimits(mask, model) { continue }
            if let alsoCovered, enterpriseLoad[alsoCovered] == 0 { continue }
            let covered = enterpriseLoad.filter { $0 > 0 }.count
            let key = coverageFirst ? (covered, score) : (0, score)
            if best == nil || key > (coverageFirst ? best!.covered : 0, best!.score) {
                best = (covered, score)
            } else if !coverageFirst && score == best!.score {
                best = (max(best!.covered, covered), score)
            }
        }
        return best
    }
}
