using System.Security.Cryptography;
using System.Text;

namespace Governance.Rules.Engine;

/// <summary>128 bits of SHA-256 as 32 lower-case hex characters: stable across processes and versions, unlike <see cref="string.GetHashCode()"/>.</summary>
internal static class ShortHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
