using System.Security.Claims;

namespace Cairn.Server.Security;

/// <summary>
/// Checks a name and password against the built-in user list, slowed down by the <see cref="LoginThrottle"/>. A
/// wrong name costs as much as a wrong password, so that answers do not tell which names exist.
/// </summary>
public sealed class UserDirectory(SecuritySettings settings, LoginThrottle throttle)
{
    // Checked when the name is unknown, so that the time taken does not reveal it.
    private readonly string _decoy = PasswordHash.Create(Guid.NewGuid().ToString("N"));

    /// <summary>The user's identity when the password is right; null otherwise (after the throttle's delay).</summary>
    public async Task<ClaimsIdentity?> SignInAsync(string name, string password, string address, string authenticationType, CancellationToken cancellationToken)
    {
        var delay = throttle.DelayFor(name, address);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        var user = settings.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
        var valid = PasswordHash.Verify(password, user?.PasswordHash ?? _decoy) && user is not null;
        if (!valid)
        {
            throttle.Failed(name, address);
            return null;
        }

        throttle.Succeeded(name, address);
        return Identity(user!, authenticationType);
    }

    public static ClaimsIdentity Identity(ArchiveUser user, string authenticationType) =>
        new([new Claim(ClaimTypes.Name, user.Name), .. user.Roles.Select(r => new Claim(ClaimTypes.Role, r))], authenticationType, ClaimTypes.Name, ClaimTypes.Role);
}
