namespace Governance.Redis.Windows;

/// <summary>Signals decided but not yet confirmed by the broker, and the cooldowns they raised.</summary>
internal sealed partial class CreatorWindowState
{
    /// <summary>Keeps a decided signal as pending (written with the state) until the broker confirms it.</summary>
    public void AddPending(string signalId, string message, StateChanges changes)
    {
        (_pending ??= new(StringComparer.Ordinal))[signalId] = message;
        changes.Set(StateFields.Pending(signalId), message);
    }

    /// <summary>Forgets a pending signal the broker confirmed (its field is deleted by the caller).</summary>
    public void Confirmed(string signalId) => _pending?.Remove(signalId);

    /// <summary>Until when each of <paramref name="rules"/> is cooling down (those that are).</summary>
    public Dictionary<string, DateTimeOffset> CoolingDown(IReadOnlyList<string> rules)
    {
        var cooling = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (_cooldowns is not null && _cooldowns.TryGetValue(rule, out var until))
            {
                cooling[rule] = DateTimeOffset.FromUnixTimeMilliseconds(until);
            }
        }

        return cooling;
    }

    /// <summary>Raises a cooldown (never shortens it).</summary>
    public void RaiseCooldown(string ruleId, long until)
    {
        _cooldowns ??= new(StringComparer.Ordinal);
        if (!_cooldowns.TryGetValue(ruleId, out var current) || current < until)
        {
            _cooldowns[ruleId] = until;
        }
    }
}
