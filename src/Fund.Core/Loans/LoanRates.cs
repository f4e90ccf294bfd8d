namespace Fund.Core.Loans;

/// <summary>首套 or 二套: the second home pays at least 1.1 times the first home's rate.</summary>
public enum HomeKind
{
    First = 1,  // 首套
    Second = 2, // 二套
}

/// <summary>The two bands the People's Bank of China sets provident fund loan rates for.</summary>
public enum RateTermBand
{
    UpToFiveYears = 1, // 5年以下（含5年）
    OverFiveYears = 2, // 5年以上
}

/// <summary>One cell of a published rate table (个人住房公积金贷款利率), in force from EffectiveFrom until the next table.</summary>
public sealed record LoanRate(DateOnly EffectiveFrom, HomeKind Home, RateTermBand Band, decimal AnnualRate, string Note)
{
    public string HomeName => Home == HomeKind.First ? "首套" : "二套";

    public string BandName => Band == RateTermBand.UpToFiveYears ? "5年以下（含5年）" : "5年以上";
}

public interface ILoanRateStore
{
    /// <summary>Every published cell, newest table first.</summary>
    Task<IReadOnlyList<LoanRate>> GetAllAsync(CancellationToken ct);
}
