"""A small deterministic force-directed layout for the co-mention network (no randomness, no numpy)."""

from __future__ import annotations

import math

_Positions = dict[str, list[float]]  # node -> [x, y], moved in place


def _circle_start(nodes: list[str]) -> _Positions:
    """Nodes evenly on the unit circle: a fixed start, so the same network is always drawn the same way."""
    n = len(nodes)
    return {
        node: [math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)] for i, node in enumerate(nodes)
    }


def _degrees(nodes: list[str], edges: list[tuple[str, str, float]]) -> dict[str, int]:
    """1 + the number of links of each node (self-links and links to unknown nodes left out)."""
    degree = dict.fromkeys(nodes, 1)
    for a, b, _ in edges:
        if a in degree and b in degree and a != b:
            degree[a] += 1
            degree[b] += 1
    return degree


def _repel(nodes: list[str], pos: _Positions, shift: _Positions, k: float) -> None:
    """Every pair of nodes pushes apart, harder when close, so names do not sit on each other."""
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.hypot(dx, dy) or 1e-6
            push = k * k / dist
            shift[a][0] += dx / dist * push
            shift[a][1] += dy / dist * push
            shift[b][0] -= dx / dist * push
            shift[b][1] -= dy / dist * push


def _attract(
    edges: list[tuple[str, str, float]],
    pos: _Positions,
    shift: _Positions,
    k: float,
    heaviest: float,
    degree: dict[str, int],
) -> None:
    """Linked nodes pull together, more with heavier edges."""
    for a, b, weight in edges:
        if a not in pos or b not in pos or a == b:
            continue
        dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
        dist = math.hypot(dx, dy) or 1e-6
        # divided by the degree, or a hub with many links collapses its neighbourhood into a knot
        pull = dist * dist / k * (0.2 + 0.8 * weight / heaviest) / min(degree[a], degree[b])
        shift[a][0] -= dx / dist * pull
        shift[a][1] -= dy / dist * pull
        shift[b][0] += dx / dist * pull
        shift[b][1] += dy / dist * pull


def _move(nodes: list[str], pos: _Positions, shift: _Positions, temperature: float) -> None:
    """Each node steps along its net force, no further than the temperature, so the layout settles."""
    for node in nodes:
        # gravity keeps unlinked nodes from drifting away
        shift[node][0] -= pos[node][0] * 0.3
        shift[node][1] -= pos[node][1] * 0.3
        length = math.hypot(*shift[node]) or 1e-6
        step = min(length, temperature)
        pos[node][0] += shift[node][0] / length * step
        pos[node][1] += shift[node][1] / length * step


def _fit(pos: _Positions, width: float, height: float) -> dict[str, tuple[float, float]]:
    """Positions scaled into [0, width] x [0, height] with a 5 % margin, so no name is cut at the edge."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        node: (
            width * (0.05 + 0.9 * (p[0] - min(xs)) / span_x),
            height * (0.05 + 0.9 * (p[1] - min(ys)) / span_y),
        )
        for node, p in pos.items()
    }


def force_layout(
    nodes: list[str],
    edges: list[tuple[str, str, float]],
    *,
    width: float = 1.0,
    height: float = 1.0,
    iterations: int = 300,
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a circle start: linked nodes pull together (more with heavier edges),
    all nodes push apart. Returns positions inside [0, width] x [0, height] with a 5 % margin."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (width / 2, height / 2)}
    pos = _circle_start(nodes)
    k = math.sqrt(4.0 / n)  # ideal distance in a 2 x 2 box
    heaviest = max((w for _, _, w in edges), default=1.0) or 1.0
    degree = _degrees(nodes, edges)
    temperature = 0.2
    for _ in range(iterations):
        shift = {node: [0.0, 0.0] for node in nodes}
        _repel(nodes, pos, shift, k)
        _attract(edges, pos, shift, k, heaviest, degree)
        _move(nodes, pos, shift, temperature)
        temperature = max(temperature * 0.98, 0.002)
    return _fit(pos, width, height)
