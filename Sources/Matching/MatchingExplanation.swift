// Explanations in the planner's terms: why each pair scores what it does, and why an
// opted-in enterprise got no cadre.

import NuanqiCore

public enum MatchingExplanation {
    /// "fit 5 (environment 2×2, land 1×1) + cadre's rank 1/3 0.5 + same town 盐仓 0.2".
    public static func why(_ candidate: CandidatePair, in model: MatchingModel) -> String {
        let cadre = model.cadres[candidate.cadre], enterprise = model.enterprises[candidate.enterprise]
        var parts: [String] = []
        if candidate.pinned { parts.append("pinned by the planner (协调选派)") }
        guard let breakdown = candidate.breakdown else {
            parts.append("score \(format(candidate.score)) as given in the input")
            return parts.joined(separator: "; ")
        }
        let weights = model.instance.policy.weights
        let terms = enterprise.needs.keys.sorted().compactMap { tag -> String? in
            let level = min(enterprise.needs[tag]!, cadre.skills[tag] ?? 0)
            guard level > 0 else { return nil }
            let weight = weights.tags[tag] ?? ScoreUnit.one
            return "\(tag) \(level)" + (weight == ScoreUnit.one ? "" : "×\(format(weight))")
        }
        var score = "fit \(format(breakdown.fit))" + (terms.isEmpty ? " (no matching skills)" : " (\(terms.joined(separator: ", ")))")
        if let ranking = cadre.ranking, let rank = ranking.firstIndex(of: enterprise.id), breakdown.cadreRanking != 0 {
            score += " + cadre's choice \(rank + 1)/\(ranking.count) \(format(breakdown.cadreRanking))"
        }
        if let ranking = enterprise.ranking, let rank = ranking.firstIndex(of: cadre.id), breakdown.enterpriseRanking != 0 {
            score += " + enterprise's choice \(rank + 1)/\(ranking.count) \(format(breakdown.enterpriseRanking))"
        }
        if breakdown.sameTown != 0 { score += " + same town \(enterprise.town) \(format(breakdown.sameTown))" }
        if breakdown.continuity != 0 { score += " + continuity \(format(breakdown.continuity))" }
        if breakdown.churn != 0 { score += " + churn threshold \(format(breakdown.churn))" }
        parts.append(score + " = \(format(breakdown.total))")
        return parts.joined(separator: "; ")
    }

    /// Why an opted-in enterprise has no cadre in the solution. `assignedTo[c]` lists the
    /// enterprises cadre c serves in the solution.
    public static func unassignedReason(_ enterprise: Int, in model: MatchingModel, assignedTo: [[Int]]) -> String {
        let candidates = model.candidates[model.candidateStarts[enterprise] ..< model.candidateStarts[enterprise + 1]]
        if candidates.isEmpty {
            let forbidden = Set(model.instance.forbidden.filter { $0.enterprise == model.enterprises[enterprise].id }.map(\.cadre))
            var counts: [String: Int] = [:]
            for cadre in model.cadres {
                let rule = model.eligibility.exclusion(cadre, model.enterprises[enterprise], forbidden: forbidden.contains(cadre.id))
                    ?? .notACandidate
                counts[rule.summary, default: 0] += 1
            }
            let listed = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }
            return "no eligible cadre: " + (listed.isEmpty ? "there are no cadres" : listed.joined(separator: "; "))
        }
        // Ten examples say enough; a city-size result would otherwise repeat whole lists.
        let shown = 10
        var takenBy = candidates.prefix(shown).map { candidate -> String in
            let elsewhere = assignedTo[candidate.cadre].map { model.enterprises[$0].id }
            return elsewhere.isEmpty ? "\(model.cadres[candidate.cadre].id) (unassigned: the plan scores higher without this pair)"
                                     : "\(model.cadres[candidate.cadre].id) → \(elsewhere.joined(separator: ", "))"
        }
        if candidates.count > shown { takenBy.append("and \(candidates.count - shown) more") }
        return "its \(candidates.count) eligible cadre\(candidates.count == 1 ? "" : "s") went where the plan scores higher: "
            + takenBy.joined(separator: "; ")
    }

    /// A score in points with up to 6 decimals.
    public static func format(_ score: Score) -> String {
        ExactDecimal.format(score, decimals: ScoreUnit.decimals)
    }
}

extension Ineligibility {
    /// The rule without pair-specific numbers, for counting over many cadres.
    var summary: String {
        switch self {
        case .cadreOverAge: "over the age limit"
        case let .regulatorConflict(department): "excluded by 回避 (\(department) regulates it)"
        case let .jurisdictionConflict(place): "excluded by 回避 (former jurisdiction \(place))"
        case .enterpriseNotOptedIn: "not opted in"
        case .excludedByCadre: "excluded it themselves"
        case .excludedByEnterprise: "excluded by the enterprise"
        case .forbidden: "forbidden by the planner"
        case .notRankedByCadre: "did not list it (mutual consent)"
        case .notRankedByEnterprise: "not on the enterprise's list (mutual consent)"
        case .notACandidate: "not among the scored candidates"
        case .belowTopNeedLevel: "below the key project's required level on its top need"
        }
    }
}
