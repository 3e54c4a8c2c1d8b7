"""Exact betweenness of an undirected, unweighted graph, vectorised and with pendant folding.

The actor network has a shape that plain Brandes wastes time on: most of its nodes are
people who speak for one state and are never targets, i.e. vertices of degree 1 hanging off
their state. Such a pendant vertex lies on no shortest path between two other vertices, and
every shortest path from it runs through its neighbour. So (Baglioni, Geraci, Pellegrini and
Lastres, "Fast exact computation of betweenness centrality in social networks", ASONAM 2012)
the pendants can be folded into their neighbour, which then stands for ``w = 1 + k`` vertices
(``k`` pendants), and betweenness computed on the much smaller core with those weights:

    B(v) = sum over core sources s != v of w(s) * delta_s(v)
           + 2 k(v) (C(v) - 1 - k(v)) + k(v) (k(v) - 1)

where ``delta_s(v) = sum over t of w(t) sigma_st(v) / sigma_st`` (Brandes' dependency with
target weights), ``C(v)`` the size of v's component in the whole graph; the second line
counts the ordered pairs with one end among v's own pendants, all of whose paths cross v.
Pendants themselves get 0. Nothing is sampled or approximated: the result equals
``networkx.betweenness_centrality`` (normalised, unweighted) up to floating-point rounding,
which ``tests/test_betweenness.py`` checks on random graphs.

Brandes runs for a block of sources at once: the breadth-first layers and path counts of
every source in the block are matrix products with the adjacency matrix (dense below a few
thousand core vertices, sparse above), the dependencies accumulate layer by layer backwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

#: Largest core kept as a dense adjacency matrix (BLAS products); above it, sparse products.
DENSE_LIMIT = 3000
#: Elements of one (core × sources) block: bounds the memory of a block to ~100 MB.
BLOCK_ELEMENTS = 2_000_000


def betweenness_of_edges(n: int, u: Sequence[int] | Ints, v: Sequence[int] | Ints) -> Floats:
    """Normalised betweenness of the undirected graph on nodes ``0 … n-1`` with edges ``(u[i], v[i])``.

    Duplicate edges and self-loops are ignored (the graph is simple and unweighted), as
    ``networkx.betweenness_centrality(g, normalized=True)`` sees it.

    Examples
    --------
    A path a - b - c - d: b and c each lie on two of the three pairs that need an intermediate.

    >>> [round(float(x), 6) for x in betweenness_of_edges(4, [0, 1, 2], [1, 2, 3])]
    [0.0, 0.666667, 0.666667, 0.0]

    A star: the centre lies on every path between two leaves (leaves fold into it).

    >>> betweenness_of_edges(5, [0, 0, 0, 0], [1, 2, 3, 4]).tolist()
    [1.0, 0.0, 0.0, 0.0, 0.0]
    """
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    out = np.zeros(n, dtype=np.float64)
    if n <= 2:
        return out
    a = np.asarray(u, dtype=np.int64)
    b = np.asarray(v, dtype=np.int64)
    keep = a != b
    a, b = a[keep], b[keep]
    rows = np.concatenate([a, b])
    cols = np.concatenate([b, a])
    adj = sp.csr_array((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n, n))
    adj.sum_duplicates()
    adj.data[:] = 1.0
    degree = np.diff(adj.indptr)
    # pendants whose one neighbour is no pendant itself (a lone edge stays as it is)
    pendant = degree == 1
    anchor = np.full(n, -1, dtype=np.int64)
    anchor[pendant] = adj.indices[adj.indptr[:-1][pendant]]
    fold = pendant.copy()
    fold[pendant] = degree[anchor[pendant]] >= 2
    k = np.bincount(anchor[fold], minlength=n).astype(np.float64)
    core = np.flatnonzero(~fold)
    weight = 1.0 + k[core]
    sub = adj[core][:, core].tocsr()
    _, label = connected_components(sub, directed=False)
    size = np.bincount(label, weights=weight)[label]  # component size in the whole graph
    kc = k[core]
    total = _weighted_brandes(sub, weight) + 2 * kc * (size - 1 - kc) + kc * (kc - 1)
    out[core] = total / ((n - 1) * (n - 2))
    return out


def _weighted_brandes(adj: Any, weight: Floats) -> Floats:
    """Sum over sources s of ``weight[s] * delta_s(v)`` (target weights ``weight``), s != v."""
    n = len(weight)
    total = np.zeros(n, dtype=np.float64)
    if n < 2:
        return total
    matrix = adj.toarray() if n <= DENSE_LIMIT else adj
    block = max(1, min(n, BLOCK_ELEMENTS // n))
    for start in range(0, n, block):
        sources = np.arange(start, min(n, start + block))
        total += _block(matrix, weight, sources)
    return total


def _block(adj: Any, weight: Floats, sources: Ints) -> Floats:
    n, b = len(weight), len(sources)
    cols = np.arange(b)
    sigma = np.zeros((n, b), dtype=np.float64)
    sigma[sources, cols] = 1.0
    dist = np.full((n, b), -1, dtype=np.int32)
    dist[sources, cols] = 0
    frontier = sigma.copy()
    depth = 0
    while True:
        reach: Floats = adj @ frontier
        new = (reach > 0) & (dist < 0)
        if not new.any():
            break
        depth += 1
        dist[new] = depth
        frontier = np.where(new, reach, 0.0)
        sigma += frontier
    delta = np.zeros((n, b), dtype=np.float64)
    safe = np.where(sigma > 0, sigma, 1.0)
    w = weight[:, None]
    for d in range(depth, 0, -1):
        coef = np.where(dist == d, (w + delta) / safe, 0.0)
        back: Floats = adj @ coef
        delta += np.where(dist == d - 1, sigma * back, 0.0)
    delta[sources, cols] = 0.0
    result: Floats = delta @ weight[sources]
    return result
