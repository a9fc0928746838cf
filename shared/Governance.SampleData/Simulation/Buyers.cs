using System.Globalization;

namespace Governance.SampleData.Simulation;

/// <summary>
/// Buyer identities as pure functions of a buyer number: id, cards, device and address. Numbers come
/// in blocks of four; about one block in twelve is a household of two or three people who share a
/// device and an address (each keeps their own account and card), as families do.
/// </summary>
internal sealed class Buyers(int seed)
{
    public const long Space = 400_000_000;

    public string Id(long buyer) => "buyer-" + Hex(buyer, 1);

    /// <summary>The card a buyer pays with; about one buyer in ten alternates between two cards.</summary>
    public string Card(long buyer, Random random) =>
        "fp-" + Hex(buyer, Mix(buyer, 7) % 10 == 0 && random.Next(2) == 0 ? 3 : 2);

    public string Device(long buyer) => "dev-" + Hex(HouseholdOf(buyer), 4);

    public string Address(long buyer) => "addr-" + Hex(HouseholdOf(buyer), 5);

    /// <summary>Members of a household block (2 or 3 buyers sharing a device).</summary>
    public IReadOnlyList<long> Household(long block)
    {
        var size = 2 + (int)(Mix(block, 6) % 2);
        return [.. Enumerable.Range(0, size).Select(i => (block * 4) + i)];
    }

    /// <summary>A household block at or after <paramref name="from"/>.</summary>
    public long NextHouseholdBlock(long from)
    {
        var block = from;
        while (!IsHousehold(block))
        {
            block++;
        }

        return block;
    }

    private long HouseholdOf(long buyer)
    {
        var block = buyer / 4;
        return IsHousehold(block) && buyer % 4 < 2 + (long)(Mix(block, 6) % 2) ? -block - 1 : buyer;
    }

    private bool IsHousehold(long block) => Mix(block, 8) % 12 == 0;

    private string Hex(long value, int salt) => (Mix(value, salt) & 0xFF_FFFF_FFFF).ToString("x10", CultureInfo.InvariantCulture);

    // SplitMix64: a stable mix of the value, the stream's seed and a salt (string hash codes change per process).
    private ulong Mix(long value, int salt)
    {
        var z = unchecked((ulong)value + ((ulong)(uint)seed << 32) + ((ulong)salt * 0x9E3779B97F4A7C15UL));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
