using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Portal.Benchmarks;

/// <summary>
/// The transaction behind bulk inserts: commits every <c>rowsPerTransaction</c> rows, prints progress about ten times,
/// and commits the rest when disposed.
/// </summary>
internal sealed class SeedBatches : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly BulkInsert[] _inserts;
    private readonly TextWriter _output;
    private readonly string _label;
    private readonly long _total;
    private readonly int _rowsPerTransaction;
    private readonly long _reportEvery;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private SqliteTransaction _transaction;
    private long _done;

    public SeedBatches(SqliteConnection connection, TextWriter output, string label, long total, int rowsPerTransaction, params BulkInsert[] inserts)
    {
        (_connection, _output, _label, _total, _rowsPerTransaction, _inserts) = (connection, output, label, total, rowsPerTransaction, inserts);
        _reportEvery = Math.Max(rowsPerTransaction, total / 10);
        _transaction = Begin();
    }

    /// <summary>Call once a logical row (and everything inserted with it) is written.</summary>
    public void RowDone()
    {
        _done++;
        if (_done % _rowsPerTransaction == 0)
        {
            _transaction.Commit();
            _transaction.Dispose();
            _transaction = Begin();
        }

        if (_done % _reportEvery == 0)
        {
            _output.WriteLine($"  {_label,-8} {_done,12:N0} / {_total:N0}  {_done / _clock.Elapsed.TotalSeconds,10:N0}/s");
        }
    }

    public void Dispose()
    {
        _transaction.Commit();
        _transaction.Dispose();
    }

    private SqliteTransaction Begin()
    {
        var transaction = _connection.BeginTransaction();
        foreach (var insert in _inserts)
        {
            insert.Transaction = transaction;
        }

        return transaction;
    }
}
