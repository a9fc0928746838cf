namespace Governance.Rules.Windows;

/// <summary>
/// An exact sliding sum: contributions sorted by time and a running total of those inside the window.
/// The window's end never moves back (it is the creator's watermark), so expired points leave once.
/// </summary>
internal sealed class ExactSeries(TimeSpan window)
{
    private readonly List<(DateTimeOffset Time, double Delta)> _points = [];
    private int _first;
    private double _total;

    public double Add(DateTimeOffset at, double delta, DateTimeOffset end, bool apply)
    {
        Slide(end);
        if (apply && at > end - window)
        {
            var index = _points.Count;
            while (index > _first && _points[index - 1].Time > at)
            {
                index--; // late contributions are rare and near the end: a short walk back
            }

            _points.Insert(index, (at, delta));
            _total += delta;
        }

        return _total;
    }

    private void Slide(DateTimeOffset end)
    {
        var from = end - window;
        while (_first < _points.Count && _points[_first].Time <= from)
        {
            _total -= _points[_first].Delta;
            _first++;
        }

        if (_first > 1024 && _first > _points.Count / 2)
        {
            _points.RemoveRange(0, _first);
            _first = 0;
        }

        if (_first == _points.Count)
        {
            _total = 0; // no drift once empty
        }
    }
}
