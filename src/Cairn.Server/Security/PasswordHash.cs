using System.Globalization;
using System.Security.Cryptography;

namespace Cairn.Server.Security;

/// <summary>
/// Password hashes as the user list keeps them: <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (salt and hash in base64),
/// made by <c>cairn-archive hash-password</c>. Passwords themselves are never stored.
/// </summary>
public static class PasswordHash
{
    public const string Scheme = "pbkdf2-sha256";

    private const int DefaultIterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A new hash of <paramref name="password"/> with a random salt.</summary>
    public static string Create(string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Why <paramref name="encoded"/> is not a hash this archive can check, or null.</summary>
    public static string? Check(string? encoded) => Parse(encoded, out _, out _, out _);

    /// <summary>Whether <paramref name="password"/> is the one <paramref name="encoded"/> was made from (compared in constant time).</summary>
    public static bool Verify(string password, string encoded)
    {
        if (Parse(encoded, out var iterations, out var salt, out var expected) is not null)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string? Parse(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        (iterations, salt, hash) = (0, [], []);
        var parts = encoded?.Split('$') ?? [];
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            return $"is not a {Scheme}$ITERATIONS$SALT$HASH password hash (make one with: cairn-archive hash-password)";
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 10_000)
        {
            return "has an iteration count below 10000";
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return "has a salt or hash that is not base64";
        }

        return salt.Length < 8 || hash.Length < 16 ? "has a salt or hash that is too short" : null;
    }
}
