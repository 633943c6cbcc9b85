// Independent check of a matching result before it is written: every pair is allowed by the
// instance's rules (re-judged from the records, not taken from the candidate list), capacities
// hold, every pin is in, every mandatory enterprise is covered, and the objective and coverage
// are recomputed from the input.

import NuanqiCore

public struct MatchingVerification: Sendable, Equatable {
    public var feasible: Bool
    public var objective: Score
    public var coveredEnterprises: Int
    public var problems: [String]
}

public enum MatchingVerifier {
    /// `requireMandatoryCoverage` is off for the stable modes, where no stable matching may
    /// cover an enterprise (rural hospitals theorem) and the result says so instead.
    public static func verify(_ solution: MatchingSolution, of model: MatchingModel,
                              requireMandatoryCoverage: Bool = true) -> MatchingVerification {
        let instance = model.instance
        var problems: [String] = []
        var cadreLoad = [Int](repeating: 0, count: model.cadres.count)
        var enterpriseLoad = [Int](repeating: 0, count: model.enterprises.count)
        var seen = Set<CadreEnterprisePair>()
        var objective: Score = 0
        let forbidden = Set(instance.forbidden)
        let pinned = Set(instance.pinned)
        let givenScores = instance.scores.map { Dictionary($0.map { ($0.pair, $0.score) }, uniquingKeysWith: { first, _ in first }) }
        for index in solution.assignments {
            guard model.candidates.indices.contains(index) else { problems.append("assignment \(index) is not a candidate"); continue }
            let candidate = model.candidates[index]
            let cadre = model.cadres[candidate.cadre], enterprise = model.enterprises[candidate.enterprise]
            let pair = CadreEnterprisePair(cadre: cadre.id, enterprise: enterprise.id)
            if !seen.insert(pair).inserted { problems.append("\(cadre.id)–\(enterprise.id) is assigned twice") }
            if let rule = model.eligibility.exclusion(cadre, enterprise, forbidden: forbidden.contains(pair)),
               !(pinned.contains(pair) && !rule.isHardRule) {
                problems.append("\(cadre.id)–\(enterprise.id) is not allowed: \(rule)")
            }
            if let givenScores {
                if let score = givenScores[pair] { objective += score } else if !pinned.contains(pair) {
                    problems.append("\(cadre.id)–\(enterprise.id) is not a listed candidate")
                }
            } else {
                objective += candidate.breakdown?.total ?? 0
            }
            cadreLoad[candidate.cadre] += 1
            enterpriseLoad[candidate.enterprise] += 1
        }
        for (index, cadre) in model.cadres.enumerated() where cadreLoad[index] > cadre.capacity {
            problems.append("cadre \(cadre.id) has \(cadreLoad[index]) enterprises, capacity \(cadre.capacity)")
        }
        for (index, enterprise) in model.enterprises.enumerated() {
            if enterpriseLoad[index] > enterprise.capacity {
                problems.append("enterprise \(enterprise.id) has \(enterpriseLoad[index]) cadres, capacity \(enterprise.capacity)")
            }
            if requireMandatoryCoverage && enterprise.mandatory && enterpriseLoad[index] == 0 {
                problems.append("mandatory enterprise \(enterprise.id) is not covered")
            }
        }
        var perDepartment: [String: Int] = [:], perTown: [String: Int] = [:]
        for index in solution.assignments where model.candidates.indices.contains(index) {
            perDepartment[model.cadres[model.candidates[index].cadre].department, default: 0] += 1
            perTown[model.enterprises[model.candidates[index].enterprise].town, default: 0] += 1
        }
        if let limit = instance.policy.maxPerDepartment {
            for (department, count) in perDepartment.sorted(by: { $0.key < $1.key }) where count > limit {
                problems.append("\(count) assignments of cadres from \(department), more than maxPerDepartment \(limit)")
            }
        }
        if let limit = instance.policy.maxPerTown {
            for (town, count) in perTown.sorted(by: { $0.key < $1.key }) where count > limit {
                problems.append("\(count) assignments in \(town), more than maxPerTown \(limit)")
            }
        }
        for pin in pinned where !seen.contains(pin) {
            problems.append("pinned pair \(pin.cadre)–\(pin.enterprise) is missing")
        }
        if objective != solution.objective {
            problems.append("reported objective \(solution.objective), recomputed \(objective)")
        }
        let covered = enterpriseLoad.filter { $0 > 0 }.count
        if covered != solution.coveredEnterprises {
            problems.append("reported \(solution.coveredEnterprises) covered enterprises, recomputed \(covered)")
        }
        return MatchingVerification(feasible: problems.isEmpty, objective: objective, coveredEnterprises: covered, problems: problems)
    }

    /// Checks a Hall certificate against the model: every eligible cadre of the named mandatory
    /// enterprises is named, and their free capacity is below the number of enterprises.
    public static func holds(_ certificate: HallCertificate, of model: MatchingModel) -> Bool {
        let members = Set(certificate.mandatoryEnterprises)
        guard !members.isEmpty, members.allSatisfy({ model.enterprises[$0].mandatory }) else { return false }
        var freeCapacity = model.cadres.map(\.capacity)
        var pinnedEnterprises = Set<Int>()
        for candidate in model.candidates where candidate.pinned {
            freeCapacity[candidate.cadre] -= 1
            pinnedEnterprises.insert(candidate.enterprise)
        }
        guard members.isDisjoint(with: pinnedEnterprises) else { return false }
        let named = Set(certificate.cadres)
        for candidate in model.candidates where members.contains(candidate.enterprise) && !candidate.pinned {
            if !named.contains(candidate.cadre) { return false }
        }
        let capacity = named.reduce(0) { $0 + max(0, freeCapacity[$1]) }
        return capacity == certificate.capacity && capacity < members.count
    }
}
