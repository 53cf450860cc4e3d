package org.chorus.payments.guidance;

/**
 * Where the general rules come from: the ones that are not a figure and do not change by tax
 * year. Figures, which do, live in the rules files with their own sources.
 */
final class RuleSources {

    static final SourceNote EXPENSES_ARE_NOT_EARNINGS = SourceNote.rule("expenses_are_not_earnings",
            "SCIE: paying people who receive benefits; SWRU");
    static final SourceNote NO_NOTIONAL_EARNINGS = SourceNote.rule("no_notional_earnings",
            "SCIE: paying people who receive benefits; entitledto (Universal Credit)");
    static final SourceNote FEES_ARE_UC_EARNINGS = SourceNote.rule("fees_are_universal_credit_earnings",
            "entitledto: a fee for involvement counts as earnings in the assessment period it is paid in");
    static final SourceNote VOUCHERS_DWP = SourceNote.rule("vouchers_dwp_position",
            "Scottish Government research guidance, section 12, quoting a DWP statement: voucher incentives do not affect Universal Credit");
    static final SourceNote VOUCHERS_WELFARE_RIGHTS = SourceNote.rule("vouchers_welfare_rights_position",
            "SWRU (swru.org) and BASW (basw.co.uk): vouchers count as earnings");
    static final SourceNote TIME_CREDITS = SourceNote.rule("time_credits",
            "Tempo time credits FAQ (wearetempo.org): no cash value, do not affect income-related benefits");
    static final SourceNote NOT_MEANS_TESTED = SourceNote.rule("disability_benefits_not_means_tested",
            "Disability Rights UK: PIP, DLA and Attendance Allowance are not means-tested");
    static final SourceNote COUNCIL_TAX = SourceNote.rule("council_tax_reduction_is_local",
            "SCIE: Council Tax Reduction schemes are local and may reduce when other benefits do not");
    static final SourceNote TIME_FOR_ADVICE = SourceNote.rule("time_for_advice",
            "SCIE: some people need up to two months to get and return DWP forms");
    static final SourceNote INDEPENDENT_ADVICE = SourceNote.rule("independent_advice",
            "Citizens Advice (citizensadvice.org.uk) and local welfare rights services give free, independent advice");

    private RuleSources() {
    }
}
