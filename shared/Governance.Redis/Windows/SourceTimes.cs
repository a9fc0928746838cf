namespace Governance.Redis.Windows;

/// <summary>
/// An event time per source (watermark, first seen): kept apart so that one source running behind the
/// other is judged against its own past, never the other's.
/// </summary>
internal struct SourceTimes
{
    private long? _content;
    private long? _transaction;

    /// <summary>The later of the two (null before any).</summary>
    public readonly long? Latest => _content is { } c && _transaction is { } t ? Math.Max(c, t) : _content ?? _transaction;

    /// <summary>The stored name of a source: <c>content</c>, else <c>transaction</c> (the only other source).</summary>
    public static string Canonical(string source) => source == "content" ? "content" : "transaction";

    public readonly long? Get(string source) => source == "content" ? _content : _transaction;

    public void Set(string source, long value)
    {
        if (source == "content")
        {
            _content = value;
        }
        else
        {
            _transaction = value;
        }
    }

    /// <summary>Reads a stored value; false for an unknown source (the field is then dropped).</summary>
    public bool Load(string source, long value)
    {
        if (source is not ("content" or "transaction"))
        {
            return false;
        }

        Set(source, value);
        return true;
    }

    public readonly Dictionary<string, DateTimeOffset> ToDictionary()
    {
        var times = new Dictionary<string, DateTimeOffset>(2, StringComparer.Ordinal);
        if (_content is { } c)
        {
            times["content"] = DateTimeOffset.FromUnixTimeMilliseconds(c);
        }

        if (_transaction is { } t)
        {
            times["transaction"] = DateTimeOffset.FromUnixTimeMilliseconds(t);
        }

        return times;
    }
}
