"""The shape of a branching scenario as a graph: what stops it being published,
and (for demo data) the best route through it."""

from collections import deque


def branching_graph_problems(nodes) -> list[str]:
    """What stops a scenario being published: broken links, unreachable nodes,
    dead ends that are not endings, and loops with no way out. `nodes` is a list
    of dicts with key, ending and choices (each with goes_to); the first starts."""
    keys = [node["key"] for node in nodes]
    known = set(keys)
    edges = {node["key"]: [c["goes_to"] for c in node["choices"]] for node in nodes}
    problems = []
    for node in nodes:
        for choice in node["choices"]:
            if choice["goes_to"] not in known:
                problems.append(
                    f"A choice in ‘{node['key']}’ leads to ‘{choice['goes_to']}’, "
                    "which is not a node."
                )
        if not node["ending"] and not node["choices"]:
            problems.append(
                f"‘{node['key']}’ is a dead end: give it a choice or make it an ending."
            )
    if not any(node["ending"] for node in nodes):
        problems.append("The scenario has no ending.")
    if not keys:
        return problems
    reachable = _walk([keys[0]], edges)
    for key in keys:
        if key not in reachable:
            problems.append(f"‘{key}’ cannot be reached from the start.")
    reverse: dict[str, list[str]] = {key: [] for key in keys}
    for source, targets in edges.items():
        for target in targets:
            if target in reverse:
                reverse[target].append(source)
    can_finish = _walk([n["key"] for n in nodes if n["ending"]], reverse)
    trapped = [
        key
        for key in keys
        if key in reachable and key not in can_finish and edges[key]  # dead ends reported above
    ]
    if trapped:
        names = ", ".join(f"‘{key}’" for key in trapped)
        problems.append(f"From {names} no ending can be reached: a loop with no way out.")
    return problems


def _walk(starts, edges) -> set[str]:
    seen, queue = set(starts), deque(starts)
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target in edges and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def best_route(item) -> list[str]:
    """Choice ids along the shortest route to the highest-scoring ending."""
    best = max((n for n in item.nodes if n.ending), key=lambda n: n.score or 0)
    queue, seen = deque([(item.nodes[0].key, [])]), {item.nodes[0].key}
    while queue:
        key, route = queue.popleft()
        if key == best.key:
            return route
        for choice in item.node(key).choices:
            if choice.goes_to not in seen:
                seen.add(choice.goes_to)
                queue.append((choice.goes_to, [*route, choice.id]))
    return []
