using System.Data.Common;

namespace LiquidStake.Sdk.Storage;

/// <summary>Small ADO.NET helpers: commands with named parameters (<c>@name</c>, understood by every provider used here).</summary>
internal static class Db
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<KeyValuePair<string, object?>>? parameters = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is built from constants of this library; values always travel as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        if (parameters is not null)
        {
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value ?? DBNull.Value;
                command.Parameters.Add(p);
            }
        }
        return command;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<KeyValuePair<string, object?>>? parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<KeyValuePair<string, object?>>? parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<KeyValuePair<string, object?>>? parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(map(reader));
        return list;
    }

    /// <summary>Parameters <c>@prefix0..n</c> and the matching "IN (...)" list.</summary>
    public static (string InList, KeyValuePair<string, object?>[] Parameters) InList(string prefix, IEnumerable<object?> values)
    {
        var parameters = values.Select((v, i) => new KeyValuePair<string, object?>($"@{prefix}{i}", v)).ToArray();
        return ("(" + string.Join(", ", parameters.Select(p => p.Key)) + ")", parameters);
    }

    public static KeyValuePair<string, object?> P(string name, object? value) => new(name, value);
}
