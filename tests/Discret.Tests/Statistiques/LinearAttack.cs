namespace Discret.Tests.Statistiques;

/// <summary>
/// What someone who knows how the published figures add up can work out from them: a set of linear equations over the
/// masked figures (the published ones moved to the constant), reduced to row echelon form. A masked figure is found again
/// when its reduced row holds it alone. Sparse, in doubles (coefficients start at ±1; what is smaller than 1e-9 is zero).
/// </summary>
public sealed class LinearAttack<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, Dictionary<TKey, double>> _rows = []; // pivot → row (pivot coefficient 1)
    private readonly Dictionary<TKey, double> _constants = [];

    /// <summary>Adds Σ coefficient·unknown = constant.</summary>
    public void Add(Dictionary<TKey, double> unknowns, double constant)
    {
        var row = new Dictionary<TKey, double>(unknowns);
        foreach (var (pivot, pivotRow) in _rows)
            if (row.TryGetValue(pivot, out var factor) && factor != 0)
            {
                foreach (var (k, v) in pivotRow) row[k] = row.GetValueOrDefault(k) - factor * v;
                constant -= factor * _constants[pivot];
            }
        foreach (var k in row.Where(kv => Math.Abs(kv.Value) < 1e-9).Select(kv => kv.Key).ToList()) row.Remove(k);
        if (row.Count == 0) return;
        var newPivot = row.OrderByDescending(kv => Math.Abs(kv.Value)).First().Key;
        var scale = row[newPivot];
        foreach (var k in row.Keys.ToList()) row[k] /= scale;
        constant /= scale;
        // Keep every other row free of the new pivot (reduced form).
        foreach (var (pivot, pivotRow) in _rows)
            if (pivotRow.TryGetValue(newPivot, out var factor) && factor != 0)
            {
                foreach (var (k, v) in row) pivotRow[k] = pivotRow.GetValueOrDefault(k) - factor * v;
                foreach (var k in pivotRow.Where(kv => Math.Abs(kv.Value) < 1e-9).Select(kv => kv.Key).ToList()) pivotRow.Remove(k);
                _constants[pivot] -= factor * constant;
            }
        _rows[newPivot] = row;
        _constants[newPivot] = constant;
    }

    /// <summary>The unknowns the equations give a single value, with that value.</summary>
    public IEnumerable<(TKey Unknown, double Value)> Determined() =>
        _rows.Where(r => r.Value.Count == 1).Select(r => (r.Key, _constants[r.Key]));
}
