// Which cadre may go to which enterprise (DESIGN "The matching problem", eligibility).
// A pair is eligible unless one of these rules excludes it; the first rule that applies is the
// reason given to planners.

import NuanqiCore

/// Why a pair is not eligible, in the planner's terms.
public enum Ineligibility: Sendable, Equatable, Hashable, CustomStringConvertible {
    case enterpriseNotOptedIn
    case cadreOverAge(age: Int, maxAge: Int)
    case excludedByCadre
    case excludedByEnterprise
    case forbidden
    /// 回避: the cadre's former department regulates the enterprise, within the cooling-off period.
    case regulatorConflict(department: String)
    /// 回避: the enterprise lies in the cadre's former jurisdiction, within the cooling-off period.
    case jurisdictionConflict(place: String)
    /// A key project's top need asks more than the cadre's skill (policy.minTopNeedLevel).
    case belowTopNeedLevel(tag: String, level: Int, required: Int)
    case notRankedByCadre
    case notRankedByEnterprise
    /// Explicit scores were given and this pair is not among them.
    case notACandidate

    public var description: String {
        switch self {
        case .enterpriseNotOptedIn: "the enterprise did not opt in"
        case let .cadreOverAge(age, maxAge): "the cadre is \(age), over the age limit \(maxAge)"
        case .excludedByCadre: "the cadre excluded this enterprise"
        case .excludedByEnterprise: "the enterprise excluded this cadre"
        case .forbidden: "the planner forbade this pair"
        case let .regulatorConflict(department): "回避: \(department) regulates this enterprise and the cadre left it less than the cooling-off period ago"
        case let .jurisdictionConflict(place): "回避: \(place) was the cadre's jurisdiction within the cooling-off period"
        case let .belowTopNeedLevel(tag, level, required): "the key project's top need \(tag) asks level \(required); the cadre has \(level)"
        case .notRankedByCadre: "mutual consent: the cadre's list omits this enterprise"
        case .notRankedByEnterprise: "mutual consent: the enterprise's list omits this cadre"
        case .notACandidate: "not among the listed candidate pairs"
        }
    }

    /// Hard rules can never be overridden by a pin; consent and candidate lists can (协调选派).
    public var isHardRule: Bool {
        switch self {
        case .notRankedByCadre, .notRankedByEnterprise, .notACandidate: false
        default: true
        }
    }
}

public struct Eligibility: Sendable {
    public let policy: MatchingPolicy
    public let asOf: YearMonth

    public init(policy: MatchingPolicy, asOf: YearMonth) {
        self.policy = policy
        self.asOf = asOf
    }

    /// The age a cadre born in `birthYear` reaches during the year of `asOf`.
    public func age(_ cadre: borrowing Cadre) -> Int? {
        cadre.birthYear.map { asOf.year - $0 }
    }

    /// Whether the cadre is still within the cooling-off period after retirement.
    public func inCoolingOff(_ cadre: borrowing Cadre) -> Bool {
        guard let retired = cadre.retiredOn else { return false }
        return asOf.monthIndex - retired.monthIndex < policy.coolingOffYears * 12
    }

    /// The first rule (in the order of Ineligibility) that excludes the pair, ignoring
    /// candidate lists (explicit scores), which the caller knows.
    public func exclusion(_ cadre: Cadre, _ enterprise: Enterprise, forbidden: Bool) -> Ineligibility? {
        if let hard = hardExclusion(cadre, enterprise, forbidden: forbidden) { return hard }
        return consentExclusion(cadreListsIt: cadre.ranking.map { $0.contains(enterprise.id) },
                                enterpriseListsIt: enterprise.ranking.map { $0.contains(cadre.id) })
    }

    /// Mutual consent: `cadreListsIt` is nil when the cadre gave no list, else whether the list
    /// names the enterprise; likewise for the enterprise.
    public func consentExclusion(cadreListsIt: Bool?, enterpriseListsIt: Bool?) -> Ineligibility? {
        guard policy.mutualConsent else { return nil }
        if cadreListsIt == false { return .notRankedByCadre }
        if enterpriseListsIt == false { return .notRankedByEnterprise }
        return nil
    }

    /// The rules no pin can override: opt-in, age, exclusions, forbidden pairs and 回避.
    public func hardExclusion(_ cadre: borrowing Cadre, _ enterprise: borrowing Enterprise, forbidden: Bool) -> Ineligibility? {
        if !enterprise.optedIn { return .enterpriseNotOptedIn }
        if let age = age(cadre), age > policy.maxAge { return .cadreOverAge(age: age, maxAge: policy.maxAge) }
        if cadre.excludes.contains(enterprise.id) { return .excludedByCadre }
        if enterprise.excludes.contains(cadre.id) { return .excludedByEnterprise }
        if forbidden { return .forbidden }
        if inCoolingOff(cadre) {
            if !cadre.department.isEmpty && enterprise.regulators.contains(cadre.department) {
                return .regulatorConflict(department: cadre.department)
            }
            for place in [enterprise.district, enterprise.town] where !place.isEmpty && cadre.jurisdiction.contains(place) {
                return .jurisdictionConflict(place: place)
            }
        }
        if let required = policy.minTopNeedLevel, enterprise.mandatory,
           let top = enterprise.needs.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
            let level = cadre.skills[top.key] ?? 0
            if level < min(required, top.value) { return .belowTopNeedLevel(tag: top.key, level: level, required: min(required, top.value)) }
        }
        return nil
    }
}
