using IsolatedRuntime.Protocol.Routing;

namespace IsolatedRuntime.Worker.Admission;

/// <summary>What a tenant name may be: it comes from the producer, and becomes a limiter's key and a log value.</summary>
internal static class TenantName
{
    /// <summary>Longest tenant name, in characters: the longest a producer routes by (<see cref="TenantRoutes"/>).</summary>
    public const int MaxLength = TenantRoutes.MaxTenantLength;

    /// <summary>The tenant of a request that names none.</summary>
    public const string None = "";

    /// <summary>Why <paramref name="tenant"/> cannot be used, as the end of a sentence; null when it can.</summary>
    public static string? Problem(string tenant)
    {
        if (tenant.Length is 0 or > MaxLength)
        {
            return $"is {tenant.Length} characters long; a tenant name has 1 to {MaxLength}";
        }

        foreach (var c in tenant)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':' or '@'))
            {
                return $"contains '{(char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:x4}" : c.ToString())}'; use ASCII " +
                    "letters, digits and - _ . : @ only";
            }
        }

        return null;
    }
}
