namespace IsolatedRuntime.Worker.Results;

/// <summary>One attempt's hold on a correlation id: a unique token and the fingerprint of the request it runs.</summary>
internal sealed record RunClaim(string Token, string Fingerprint)
{
    public static RunClaim New(string fingerprint) => new(Guid.NewGuid().ToString("N"), fingerprint);

    /// <summary>The claim as stored: the fingerprint first, so that a waiting copy can compare requests.</summary>
    public string Value => $"{Fingerprint}|{Token}";

    public static string FingerprintOf(string value) => value.Split('|', 2)[0];
}
