// Owns one glp_prob built from a validated LinearProgram; deleted in deinit on the thread that
// made it (GLPK's entry points in GLPK.swift are synchronous, so that is always the case).

#if GLPK
import CGLPK
import NuanqiCore

final class GLPKProblem {
    private(set) var pointer: OpaquePointer
    /// False after a fatal error: GLPK has already freed every object of this thread.
    private var owned = true

    init(_ model: LinearProgram) throws {
        pointer = glp_create_prob()
        glp_set_prob_name(pointer, model.name)
        glp_set_obj_dir(pointer, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        glp_set_obj_coef(pointer, 0, model.objectiveConstant)
        if !model.rows.isEmpty { glp_add_rows(pointer, Int32(model.rows.count)) }
        if !model.columns.isEmpty { glp_add_cols(pointer, Int32(model.columns.count)) }
        for (index, row) in model.rows.enumerated() {
            let glpkIndex = Int32(index + 1)
            glp_set_row_name(pointer, glpkIndex, row.name)
            let (kind, lower, upper) = Self.boundKind(row.lower, row.upper)
            glp_set_row_bnds(pointer, glpkIndex, kind, lower, upper)
        }
        for (index, column) in model.columns.enumerated() {
            let glpkIndex = Int32(index + 1)
            glp_set_col_name(pointer, glpkIndex, column.name)
            let (kind, lower, upper) = Self.boundKind(column.lower, column.upper)
            glp_set_col_bnds(pointer, glpkIndex, kind, lower, upper)
            glp_set_obj_coef(pointer, glpkIndex, column.objective)
            if column.isInteger { glp_set_col_kind(pointer, glpkIndex, GLP_IV) }
        }
        // GLPK arrays are 1-based: slot 0 is ignored.
        let count = model.entryCount
        var rowIndices = [Int32](repeating: 0, count: count + 1)
        var columnIndices = [Int32](repeating: 0, count: count + 1)
        var values = [Double](repeating: 0, count: count + 1)
        for row in 0 ..< model.rows.count {
            for entry in model.rowStarts[row] ..< model.rowStarts[row + 1] {
                rowIndices[entry + 1] = Int32(row + 1)
                columnIndices[entry + 1] = Int32(model.entryColumns[entry] + 1)
                values[entry + 1] = model.entryValues[entry]
            }
        }
        let code = nuanqi_load_matrix(pointer, Int32(count), rowIndices, columnIndices, values)
        try check(code, call: "glp_load_matrix", allowed: [])
    }

    deinit {
        if owned { glp_delete_prob(pointer) }
    }

    /// Marks the problem as already freed by GLPK (after a fatal error).
    func forget() {
        owned = false
    }

    /// Throws for a fatal error or an undocumented failure code; `allowed` codes are verdicts.
    func check(_ code: Int32, call: String, allowed: [Int32]) throws {
        if code == NUANQI_GLPK_FATAL {
            forget()
            throw SolverError.glpkFatal(call: call)
        }
        guard code == 0 || allowed.contains(code) else {
            throw SolverError.glpkFailed(call: call, code: Int(code))
        }
    }

    private static func boundKind(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): (GLP_FR, 0, 0)
        case let (lower?, nil): (GLP_LO, lower, 0)
        case let (nil, upper?): (GLP_UP, 0, upper)
        case let (lower?, upper?): (lower == upper ? GLP_FX : GLP_DB, lower, upper)
        }
    }
}
#endif
