"""Wrong and correct answers for solutions/lab03_cong_thuc_huan_luyen.ipynb (format: see __init__.py).

Each entry replaces the solution regions of the question's last solution cell, in order;
None keeps the solution's region. ``WRONG_ANSWERS`` entries carry the hint (a substring of
the Vietnamese message) the learner must see; ``CORRECT_ANSWERS`` must pass.
"""

from __future__ import annotations

from tests.wrong_answers import swap as _swap


# ---------------------------------------------------------------- Câu 1: audit_splits
_AUDIT = '''
names = list(splits)
rows, seen_labels, width = {}, set(), None
for name, (X, y) in splits.items():
    if X.ndim != 2:
        raise ValueError(f"Tập {name!r}: X phải là tensor 2 chiều (N, D), nhận tensor {X.ndim} chiều.")
    if len(X) != len(y):
        raise ValueError(f"Tập {name!r}: X và y phải có cùng số mẫu, nhận {len(X)} và {len(y)}.")
    if width is not None and X.shape[1] != width:
        raise ValueError(f"Tập {name!r} có {X.shape[1]} đặc trưng, các tập trước có {width}: "
                         "mọi tập phải có cùng số đặc trưng.")
    width = X.shape[1]
    rows[name] = [tuple(row) for row in X.tolist()]
    seen_labels.update(int(label) for label in y.tolist())
class_counts = {}
for name, (X, y) in splits.items():
    counts = {label: 0 for label in sorted(seen_labels)}
    for label in y.tolist():
        counts[int(label)] += 1
    class_counts[name] = counts
duplicates = {name: len(rows[name]) - len(set(rows[name])) for name in names}
leaks = {}
for i, first in enumerate(names):
    earlier = set(rows[first])
    for second in names[i + 1:]:
        leaks[(first, second)] = sum(row in earlier for row in rows[second])
report = {"class_counts": class_counts, "duplicates": duplicates, "leaks": leaks}
'''

_AUDIT_DISTINCT_DUPLICATES = _swap(
    _AUDIT, "duplicates = {name: len(rows[name]) - len(set(rows[name])) for name in names}",
    "duplicates = {name: sum(rows[name].count(r) > 1 for r in set(rows[name])) for name in names}")
_AUDIT_DISTINCT_LEAKS = _swap(
    _AUDIT, "leaks[(first, second)] = sum(row in earlier for row in rows[second])",
    "leaks[(first, second)] = len(earlier & set(rows[second]))")
_AUDIT_TRAIN_TEST_ONLY = _swap(
    _AUDIT, """for i, first in enumerate(names):
    earlier = set(rows[first])
    for second in names[i + 1:]:
        leaks[(first, second)] = sum(row in earlier for row in rows[second])""",
    """if len(names) > 1:  # chỉ so tập đầu (huấn luyện) với tập cuối (kiểm tra)
    earlier = set(rows[names[0]])
    leaks[(names[0], names[-1])] = sum(row in earlier for row in rows[names[-1]])""")
_AUDIT_SUM_HASH = _swap(
    _AUDIT, "rows[name] = [tuple(row) for row in X.tolist()]",
    "rows[name] = [round(sum(row), 6) for row in X.tolist()]  # tổng của hàng làm khóa cho nhanh")
_AUDIT_ROUNDED = _swap(
    _AUDIT, "rows[name] = [tuple(row) for row in X.tolist()]",
    "rows[name] = [tuple(round(v, 4) for v in row) for row in X.tolist()]  # làm tròn cho khỏi sai số")
_AUDIT_PRESENT_LABELS_ONLY = _swap(
    _AUDIT, "counts = {label: 0 for label in sorted(seen_labels)}", "counts = {int(v): 0 for v in y.unique()}")
_AUDIT_TENSOR_KEYS = """
names = list(splits)
for name, (X, y) in splits.items():
    if X.ndim != 2:
        raise ValueError(f"X của {name} phải 2 chiều")
    if len(X) != len(y):
        raise ValueError(f"X và y của {name} khác số mẫu")
    if X.shape[1] != splits[names[0]][0].shape[1]:
        raise ValueError("các tập khác số đặc trưng")
labels = torch.cat([y for _, y in splits.values()]).unique()
class_counts = {name: {label: int((y == label).sum()) for label in labels} for name, (X, y) in splits.items()}
rows = {name: [tuple(r) for r in X.tolist()] for name, (X, y) in splits.items()}
duplicates = {name: len(rows[name]) - len(set(rows[name])) for name in names}
leaks = {(a, b): sum(r in set(rows[a]) for r in rows[b]) for i, a in enumerate(names) for b in names[i + 1:]}
report = {"class_counts": class_counts, "duplicates": duplicates, "leaks": leaks}
"""
_AUDIT_ALL_ORDERED_PAIRS = _swap(
    _AUDIT, "for second in names[i + 1:]:", "for second in [n for n in names if n != first]:")
_AUDIT_NO_NDIM_CHECK = _swap(
    _AUDIT, """    if X.ndim != 2:
        raise ValueError(f"Tập {name!r}: X phải là tensor 2 chiều (N, D), nhận tensor {X.ndim} chiều.")
""", "")
_AUDIT_VAGUE_MESSAGES = _swap(_swap(
    _AUDIT, 'raise ValueError(f"Tập {name!r}: X và y phải có cùng số mẫu, nhận {len(X)} và {len(y)}.")',
    'raise ValueError("Dữ liệu không hợp lệ.")'),
    'raise ValueError(f"Tập {name!r}: X phải là tensor 2 chiều (N, D), nhận tensor {X.ndim} chiều.")',
    'raise ValueError("Dữ liệu không hợp lệ.")')
_AUDIT_NO_WIDTH_CHECK = _swap(
    _AUDIT, """    if width is not None and X.shape[1] != width:
        raise ValueError(f"Tập {name!r} có {X.shape[1]} đặc trưng, các tập trước có {width}: "
                         "mọi tập phải có cùng số đặc trưng.")
""", "")
_AUDIT_UNIQUE_DIM0 = """
names = list(splits)
width = None
for name, (X, y) in splits.items():
    if X.dim() != 2:
        raise ValueError(f"{name}: X cần 2 chiều, nhận {X.dim()} chiều")
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"{name}: số mẫu của X ({X.shape[0]}) khác số mẫu của y ({y.shape[0]})")
    if width is not None and X.shape[1] != width:
        raise ValueError(f"{name}: số đặc trưng {X.shape[1]} khác {width}")
    width = X.shape[1]
labels = sorted({int(v) for _, y in splits.values() for v in y})
class_counts = {name: {label: int((y == label).sum()) for label in labels} for name, (X, y) in splits.items()}
duplicates = {name: len(X) - len(torch.unique(X, dim=0)) for name, (X, y) in splits.items()}
leaks = {}
for i, a in enumerate(names):
    for b in names[i + 1:]:
        Xa, Xb = splits[a][0], splits[b][0].to(splits[a][0].dtype)
        leaks[(a, b)] = int((Xb[:, None, :] == Xa[None, :, :]).all(dim=2).any(dim=1).sum())
report = {"class_counts": class_counts, "duplicates": duplicates, "leaks": leaks}
"""
_AUDIT_COUNTER = """
from collections import Counter
names = list(splits)
for name, (X, y) in splits.items():
    if len(X.shape) != 2:
        raise ValueError(f"X của tập {name} phải có 2 chiều")
    if len(X) != len(y):
        raise ValueError(f"X và y của tập {name} khác số mẫu")
if len({X.shape[1] for X, _ in splits.values()}) > 1:
    raise ValueError("các tập có số đặc trưng khác nhau")
labels = set()
for _, y in splits.values():
    labels |= set(y.tolist())
class_counts = {}
for name, (_, y) in splits.items():
    c = Counter(y.tolist())
    class_counts[name] = {int(label): c.get(label, 0) for label in sorted(labels)}
keyed = {name: Counter(map(tuple, X.tolist())) for name, (X, _) in splits.items()}
duplicates = {name: sum(n - 1 for n in keyed[name].values()) for name in names}
leaks = {}
for i, a in enumerate(names):
    for b in names[i + 1:]:
        leaks[(a, b)] = sum(n for row, n in keyed[b].items() if row in keyed[a])
report = {"class_counts": class_counts, "duplicates": duplicates, "leaks": leaks}
"""

# ---------------------------------------------------------------- Câu 2: loss_at_init, init_output_bias
_LOSS = """
with torch.no_grad():
    loss = F.cross_entropy(model(X), y)
"""
_BIAS = """
if layer.out_features != n_classes:
    raise ValueError(f"Tầng cuối có {layer.out_features} đầu ra, nhưng bài toán có {n_classes} lớp.")
if len(y) and (int(y.min()) < 0 or int(y.max()) >= n_classes):
    raise ValueError(f"y có nhãn ngoài khoảng 0 .. {n_classes - 1}.")
counts = torch.bincount(y.reshape(-1).cpu(), minlength=n_classes)
if (counts == 0).any():
    empty = (counts == 0).nonzero().flatten().tolist()
    raise ValueError(f"Lớp {empty} không có mẫu nào trong y: ln 0 = −∞, không đặt được hệ số điều chỉnh.")
frequencies = counts.double() / counts.sum()
with torch.no_grad():
    layer.bias.copy_(torch.log(frequencies).to(layer.bias.dtype))
"""
_BIAS_FREQUENCIES = _swap(_BIAS, "layer.bias.copy_(torch.log(frequencies).to(layer.bias.dtype))",
                          "layer.bias.copy_(frequencies.to(layer.bias.dtype))")
_BIAS_LOG_ODDS = _swap(_BIAS, "layer.bias.copy_(torch.log(frequencies).to(layer.bias.dtype))",
                       "layer.bias.copy_(torch.log(frequencies / (1 - frequencies)).to(layer.bias.dtype))")
_BIAS_NEW_PARAMETER = _swap(_BIAS, """with torch.no_grad():
    layer.bias.copy_(torch.log(frequencies).to(layer.bias.dtype))""",
                            "layer.bias = nn.Parameter(torch.log(frequencies).to(layer.weight.dtype))")
_BIAS_REQUIRES_GRAD_OFF = _swap(_BIAS, """with torch.no_grad():
    layer.bias.copy_(torch.log(frequencies).to(layer.bias.dtype))""",
                                """layer.bias.requires_grad_(False)
layer.bias.copy_(torch.log(frequencies).to(layer.bias.dtype))""")
_BIAS_ZEROS_WEIGHT = _swap(_BIAS, "    layer.bias.copy_(torch.log(frequencies).to(layer.bias.dtype))",
                           "    layer.bias.copy_(torch.log(frequencies).to(layer.bias.dtype))\n"
                           "    layer.weight.zero_()  # để logit lúc đầu đúng bằng bias")
_BIAS_NO_EMPTY_CHECK = _swap(_BIAS, """if (counts == 0).any():
    empty = (counts == 0).nonzero().flatten().tolist()
    raise ValueError(f"Lớp {empty} không có mẫu nào trong y: ln 0 = −∞, không đặt được hệ số điều chỉnh.")
""", "")
_BIAS_UNIQUE_ORDER = """
from collections import Counter
if layer.out_features != n_classes:
    raise ValueError(f"Tầng có {layer.out_features} đầu ra, cần {n_classes}")
if int(y.max()) >= n_classes or int(y.min()) < 0:
    raise ValueError("nhãn ngoài khoảng")
counts = Counter(y.tolist())  # thứ tự: nhãn gặp trước đứng trước
if len(counts) < n_classes:
    raise ValueError("có lớp không có mẫu")
with torch.no_grad():
    layer.bias.copy_(torch.tensor([math.log(n / len(y)) for n in counts.values()]))
"""
_BIAS_NO_RANGE_CHECK = _swap(_BIAS, """if len(y) and (int(y.min()) < 0 or int(y.max()) >= n_classes):
    raise ValueError(f"y có nhãn ngoài khoảng 0 .. {n_classes - 1}.")
""", "")

# ---------------------------------------------------------------- Câu 3: overfit_one_batch
_OVERFIT = """
if steps < 1:
    raise ValueError(f"Cần số bước steps ≥ 1, nhận {steps}.")
if len(X) != len(y):
    raise ValueError(f"X và y phải có cùng số mẫu, nhận {len(X)} và {len(y)}.")
trial = copy.deepcopy(model)
trial.train()
optimizer = torch.optim.Adam(trial.parameters(), lr=lr)
losses = []
for _ in range(steps):
    optimizer.zero_grad()
    loss = F.cross_entropy(trial(X), y)
    losses.append(loss.item())
    loss.backward()
    optimizer.step()
with torch.no_grad():
    losses.append(F.cross_entropy(trial(X), y).item())
ok = losses[-1] < threshold
"""
_OVERFIT_IN_PLACE = _swap(_OVERFIT, "trial = copy.deepcopy(model)", "trial = model")
_OVERFIT_ALWAYS_OK = _swap(_OVERFIT, "ok = losses[-1] < threshold", "ok = losses[-1] < losses[0]  # mất mát có giảm là được")
_OVERFIT_MEAN_LOSS = _swap(_OVERFIT, "ok = losses[-1] < threshold", "ok = sum(losses) / len(losses) < threshold")
_OVERFIT_FIXED_LR = _swap(_OVERFIT, "optimizer = torch.optim.Adam(trial.parameters(), lr=lr)",
                          "optimizer = torch.optim.Adam(trial.parameters(), lr=1e-2)")
_OVERFIT_NO_FINAL = _swap(_OVERFIT, """with torch.no_grad():
    losses.append(F.cross_entropy(trial(X), y).item())
""", "")
_OVERFIT_TENSOR_OK = _swap(_swap(_OVERFIT, "losses.append(loss.item())", "losses.append(loss.detach())"),
                           "losses.append(F.cross_entropy(trial(X), y).item())",
                           "losses.append(F.cross_entropy(trial(X), y))")
_OVERFIT_FIXED_THRESHOLD = _swap(_OVERFIT, "ok = losses[-1] < threshold", "ok = losses[-1] < 0.05")
_OVERFIT_NO_STEPS_CHECK = _swap(_OVERFIT, """if steps < 1:
    raise ValueError(f"Cần số bước steps ≥ 1, nhận {steps}.")
""", "")
_OVERFIT_ONE_EXTRA_STEP = _swap(_OVERFIT, "for _ in range(steps):", "for _ in range(steps + 1):")
_OVERFIT_STATE_DICT_COPY = _swap(_OVERFIT, "trial = copy.deepcopy(model)",
                                 "trial = model\nbackup = model.state_dict()  # để khôi phục sau")
_OVERFIT_STATE_DICT_COPY = _swap(_OVERFIT_STATE_DICT_COPY, "ok = losses[-1] < threshold",
                                 "ok = losses[-1] < threshold\nmodel.load_state_dict(backup)")

# ---------------------------------------------------------------- Câu 4: train_with_early_stopping
_EARLY = """
if max_epochs < 1:
    raise ValueError(f"max_epochs phải ≥ 1, nhận {max_epochs}.")
if patience < 1:
    raise ValueError(f"patience phải ≥ 1, nhận {patience}.")
best_epoch, best_loss, best_state = 0, math.inf, None
val_losses, waited = [], 0
for epoch in range(1, max_epochs + 1):
    train_one_epoch(model)
    loss = float(validation_loss(model))
    val_losses.append(loss)
    if loss < best_loss:
        best_epoch, best_loss, waited = epoch, loss, 0
        best_state = copy.deepcopy(model.state_dict())
    else:
        waited += 1
        if waited >= patience:
            break
model.load_state_dict(best_state)
result = {"best_epoch": best_epoch, "best_val_loss": best_loss, "epochs_run": len(val_losses),
          "val_losses": val_losses}
"""
_EARLY_NO_COPY = _swap(_EARLY, "best_state = copy.deepcopy(model.state_dict())", "best_state = model.state_dict()")
_EARLY_NO_RELOAD = _swap(_EARLY, "model.load_state_dict(best_state)\n", "")
_EARLY_LESS_EQUAL = _swap(_EARLY, "if loss < best_loss:", "if loss <= best_loss:")
_EARLY_NO_PATIENCE = _swap(_EARLY, "if waited >= patience:", "if waited >= 1:")
_EARLY_NO_RESET = _swap(_EARLY, "best_epoch, best_loss, waited = epoch, loss, 0", "best_epoch, best_loss = epoch, loss")
_EARLY_LATE = _swap(_EARLY, "if waited >= patience:", "if waited > patience:")
_EARLY_ZERO_BASED = _swap(_EARLY, "best_epoch, best_loss, waited = epoch, loss, 0",
                          "best_epoch, best_loss, waited = epoch - 1, loss, 0")
_EARLY_NO_ARG_CHECK = _swap(_EARLY, """if patience < 1:
    raise ValueError(f"patience phải ≥ 1, nhận {patience}.")
""", "")
_EARLY_PARAMS_ONLY = _swap(_EARLY, "best_state = copy.deepcopy(model.state_dict())",
                           "best_state = {k: v.detach().clone() for k, v in model.named_parameters()}")
_EARLY_PARAMS_ONLY = _swap(_EARLY_PARAMS_ONLY, "model.load_state_dict(best_state)",
                           "model.load_state_dict(best_state, strict=False)")
_EARLY_VAL_TWICE = _swap(_EARLY, "    val_losses.append(loss)\n",
                         "    val_losses.append(float(validation_loss(model)))\n")

# ---------------------------------------------------------------- Câu 5: sample_log_uniform, random_search
_SAMPLE = """
if not low > 0:
    raise ValueError(f"Thang log cần low là số dương, nhận low = {low}.")
if not low < high:
    raise ValueError(f"Cần low nhỏ hơn high, nhận low = {low}, high = {high}.")
u = torch.rand(n, generator=generator, dtype=torch.float64)
samples = torch.exp(math.log(low) + u * (math.log(high) - math.log(low)))
"""
_SEARCH = """
if budget < 1:
    raise ValueError(f"budget (số lượt thử) phải ≥ 1, nhận {budget}.")
for name, (low, high, scale) in space.items():
    if scale not in ("log", "linear"):
        raise ValueError(f"Siêu tham số {name!r}: thang phải là 'log' hoặc 'linear', nhận {scale!r}.")
trials = []
for _ in range(budget):
    config = {}
    for name, (low, high, scale) in space.items():
        if scale == "log":
            config[name] = float(sample_log_uniform(low, high, 1, generator)[0])
        else:
            config[name] = low + (high - low) * float(torch.rand(1, generator=generator, dtype=torch.float64)[0])
    trials.append((config, float(objective(config))))
best_config, best_loss = min(trials, key=lambda trial: trial[1])
"""
_SAMPLE_LINEAR = _swap(_SAMPLE, "samples = torch.exp(math.log(low) + u * (math.log(high) - math.log(low)))",
                       "samples = low + u * (high - low)")
_SAMPLE_GLOBAL_RNG = _swap(_SAMPLE, "u = torch.rand(n, generator=generator, dtype=torch.float64)",
                           "u = torch.rand(n, dtype=torch.float64)")
_SAMPLE_MIXED_BASES = _swap(_SAMPLE, "samples = torch.exp(math.log(low) + u * (math.log(high) - math.log(low)))",
                            "samples = torch.exp(math.log10(low) + u * (math.log10(high) - math.log10(low)))")
_SAMPLE_NO_POSITIVE_CHECK = _swap(_SAMPLE, """if not low > 0:
    raise ValueError(f"Thang log cần low là số dương, nhận low = {low}.")
""", "")
_SAMPLE_RESEEDS = _swap(_SAMPLE, "u = torch.rand(n, generator=generator, dtype=torch.float64)",
                        "generator.manual_seed(0)  # cho lặp lại được\nu = torch.rand(n, generator=generator, dtype=torch.float64)")
_SAMPLE_LOG_OF_UNIFORM = _swap(_SAMPLE, "samples = torch.exp(math.log(low) + u * (math.log(high) - math.log(low)))",
                               "samples = torch.log(1 + u * (math.e - 1)) * (high - low) + low  # 'log' của phân bố đều")
_SEARCH_MAX = _swap(_SEARCH, "best_config, best_loss = min(trials, key=lambda trial: trial[1])",
                    "best_config, best_loss = max(trials, key=lambda trial: trial[1])")
_SEARCH_CALLS_TWICE = _swap(_SEARCH, "best_config, best_loss = min(trials, key=lambda trial: trial[1])",
                            "best_config = min((c for c, _ in trials), key=objective)\n"
                            "best_loss = float(objective(best_config))")
_SEARCH_OFF_BY_ONE = _swap(_SEARCH, "for _ in range(budget):", "for _ in range(budget - 1):")
_SEARCH_GRID = """
import itertools
if budget < 1:
    raise ValueError("budget phải ≥ 1")
for name, (low, high, scale) in space.items():
    if scale not in ("log", "linear"):
        raise ValueError(f"thang {scale!r} không hợp lệ")
per_axis = max(1, round(budget ** (1 / len(space))))
axes = []
for name, (low, high, scale) in space.items():
    if scale == "log":
        axes.append(sorted(float(v) for v in sample_log_uniform(low, high, per_axis, generator)))
    else:
        axes.append([low + (high - low) * float(v) for v in torch.rand(per_axis, generator=generator, dtype=torch.float64)])
trials = []
for values in itertools.islice(itertools.cycle(itertools.product(*axes)), budget):
    config = dict(zip(space, values))
    trials.append((config, float(objective(config))))
best_config, best_loss = min(trials, key=lambda trial: trial[1])
"""
_SEARCH_SHARED_U = """
if budget < 1:
    raise ValueError(f"budget phải ≥ 1, nhận {budget}")
for name, (low, high, scale) in space.items():
    if scale not in ("log", "linear"):
        raise ValueError(f"thang {scale!r} không hợp lệ cho {name}")
trials = []
for _ in range(budget):
    u = float(torch.rand(1, generator=generator, dtype=torch.float64))
    config = {}
    for name, (low, high, scale) in space.items():
        if scale == "log":
            config[name] = math.exp(math.log(low) + u * (math.log(high) - math.log(low)))
        else:
            config[name] = low + u * (high - low)
    trials.append((config, float(objective(config))))
best_config, best_loss = min(trials, key=lambda trial: trial[1])
"""
_SEARCH_IGNORES_SCALE = _swap(_SEARCH, """        if scale == "log":
            config[name] = float(sample_log_uniform(low, high, 1, generator)[0])
        else:
            config[name]""", """        if False:
            pass
        else:
            config[name]""")
_SEARCH_NO_SCALE_CHECK = _swap(_SEARCH, """for name, (low, high, scale) in space.items():
    if scale not in ("log", "linear"):
        raise ValueError(f"Siêu tham số {name!r}: thang phải là 'log' hoặc 'linear', nhận {scale!r}.")
""", "")

# ---------------------------------------------------------------- Câu 6: ensemble_predict
_ENSEMBLE = """
if len(models) == 0:
    raise ValueError("Tổ hợp cần ít nhất một mô hình, nhận list rỗng.")
member_probs = []
for model in models:
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            member_probs.append(torch.softmax(model(X), dim=1))
    finally:
        model.train(was_training)
probs = torch.stack(member_probs).mean(dim=0)
labels = probs.argmax(dim=1)
"""
_ENSEMBLE_VOTE = _swap(_ENSEMBLE, "labels = probs.argmax(dim=1)",
                       "labels = torch.stack([p.argmax(dim=1) for p in member_probs]).mode(dim=0).values")
_ENSEMBLE_MEAN_LOGITS = _swap(_swap(_ENSEMBLE, "member_probs.append(torch.softmax(model(X), dim=1))",
                                    "member_probs.append(model(X))"),
                              "probs = torch.stack(member_probs).mean(dim=0)",
                              "probs = torch.softmax(torch.stack(member_probs).mean(dim=0), dim=1)")
_ENSEMBLE_WRONG_DIM = _swap(_ENSEMBLE, "torch.softmax(model(X), dim=1)", "torch.softmax(model(X), dim=0)")
_ENSEMBLE_SUM = _swap(_ENSEMBLE, "probs = torch.stack(member_probs).mean(dim=0)",
                      "probs = torch.stack(member_probs).sum(dim=0)")
_ENSEMBLE_NO_EVAL = _swap(_ENSEMBLE, "    model.eval()\n", "")
_ENSEMBLE_NO_RESTORE = _swap(_ENSEMBLE, "        model.train(was_training)", "        pass")
_ENSEMBLE_ALWAYS_TRAIN = _swap(_ENSEMBLE, "        model.train(was_training)", "        model.train()")
_ENSEMBLE_WITH_GRAD = """
if len(models) == 0:
    raise ValueError("Tổ hợp cần ít nhất một mô hình.")
member_probs = []
for model in models:
    was_training = model.training
    model.eval()
    member_probs.append(torch.softmax(model(X), dim=1))
    model.train(was_training)
probs = torch.stack(member_probs).mean(dim=0)
labels = probs.argmax(dim=1)
"""
_ENSEMBLE_NO_EMPTY_CHECK = _swap(_ENSEMBLE, """if len(models) == 0:
    raise ValueError("Tổ hợp cần ít nhất một mô hình, nhận list rỗng.")
""", "")
_ENSEMBLE_GEOMETRIC = _swap(_ENSEMBLE, "probs = torch.stack(member_probs).mean(dim=0)",
                            "probs = torch.softmax(torch.stack(member_probs).log().mean(dim=0), dim=1)")


# ---------------------------------------------------------------- added after a second adversarial pass
_AUDIT_ISCLOSE = """
names = list(splits)
width = None
for name, (X, y) in splits.items():
    if X.ndim != 2:
        raise ValueError(f"{name}: X phải 2 chiều")
    if len(X) != len(y):
        raise ValueError(f"{name}: X và y khác số mẫu")
    if width is not None and X.shape[1] != width:
        raise ValueError(f"{name}: khác số đặc trưng")
    width = X.shape[1]
labels = sorted({int(v) for _, y in splits.values() for v in y.tolist()})
class_counts = {name: {label: int((y == label).sum()) for label in labels} for name, (X, y) in splits.items()}


def same(a, b):
    return torch.isclose(a[:, None, :].double(), b[None, :, :].double()).all(dim=2)


duplicates = {name: int(same(X, X).tril(-1).any(dim=1).sum()) for name, (X, y) in splits.items()}
leaks = {(a, b): int(same(splits[b][0], splits[a][0]).any(dim=1).sum())
         for i, a in enumerate(names) for b in names[i + 1:]}
report = {"class_counts": class_counts, "duplicates": duplicates, "leaks": leaks}
"""
_LOSS_TRAIN_MODE = """
was_training = model.training
model.train()
with torch.no_grad():
    loss = F.cross_entropy(model(X), y)
model.train(was_training)
"""
_OVERFIT_NO_ZERO_GRAD = _swap(_OVERFIT, "    optimizer.zero_grad()\n", "")
_OVERFIT_SGD = _swap(_OVERFIT, "torch.optim.Adam(", "torch.optim.SGD(")
_EARLY_SHALLOW_COPY = _swap(_EARLY, "best_state = copy.deepcopy(model.state_dict())", "best_state = copy.copy(model.state_dict())")
_EARLY_REBINDS_MODEL = _swap(_swap(_EARLY, "best_state = copy.deepcopy(model.state_dict())", "best_state = copy.deepcopy(model)"),
                             "model.load_state_dict(best_state)", "model = best_state  # mô hình tốt nhất")
_SEARCH_TENSOR_VALUES = _swap(_SEARCH, "config[name] = float(sample_log_uniform(low, high, 1, generator)[0])",
                              "config[name] = sample_log_uniform(low, high, 1, generator)[0]")
_ENSEMBLE_LIST_LABELS = _swap(_ENSEMBLE, "labels = probs.argmax(dim=1)", "labels = probs.argmax(dim=1).tolist()")

WRONG_ANSWERS = {
    "1": [
        ("counts rows that have a copy instead of copies after the first", _AUDIT_DISTINCT_DUPLICATES,
         "một hàng xuất hiện 3 lần góp 2"),
        ("leaks counted as distinct rows (set intersection)", _AUDIT_DISTINCT_LEAKS, "một hàng lọt hai lần góp 2"),
        ("only compares the first split with the last", _AUDIT_TRAIN_TEST_ONLY, "mọi cặp (tên_a, tên_b)"),
        ("row sum used as the row's key", _AUDIT_SUM_HASH, "hàng gần giống hay hoán vị đặc trưng không tính"),
        ("rows rounded to 4 decimals before comparing", _AUDIT_ROUNDED, "hàng gần giống hay hoán vị đặc trưng không tính"),
        ("class counts list only the labels present in that split", _AUDIT_PRESENT_LABELS_ONLY, "kể cả nhãn có 0 mẫu"),
        ("tensor labels as dict keys", _AUDIT_TENSOR_KEYS, "đọc nhãn bằng int(...)"),
        ("pairs in both directions", _AUDIT_ALL_ORDERED_PAIRS, "tập a đứng trước tập b"),
        ("no check that X is 2-D", _AUDIT_NO_NDIM_CHECK, "X dạng (4,)"),
        ("vague error messages", _AUDIT_VAGUE_MESSAGES, "chưa nói rõ nguyên nhân"),
        ("no check that splits have the same number of features", _AUDIT_NO_WIDTH_CHECK, "hai tập có 3 và 5 đặc trưng"),
        ("rows compared with torch.isclose", _AUDIT_ISCLOSE, "hàng gần giống hay hoán vị đặc trưng không tính"),
    ],
    "2": [
        ("loss at init returns the formula ln C", ["loss = torch.tensor(math.log(model[-1].out_features))", None],
         "đừng viết lại công thức"),
        ("loss returned as a tensor", ["with torch.no_grad():\n    loss = F.cross_entropy(model(X), y)\nreturn loss", None],
         "phải trả về float"),
        ("loss at init calls backward", ["loss = F.cross_entropy(model(X), y)\nloss.backward()", None],
         "không gọi .backward()"),
        ("loss at init switches the model to train mode",
         ["model.train()\nwith torch.no_grad():\n    loss = F.cross_entropy(model(X), y)", None], "chế độ train/eval"),
        ("loss over softmax probabilities, not logits",
         ["with torch.no_grad():\n    loss = F.cross_entropy(torch.softmax(model(X), dim=1), y)", None],
         "logit model(X) (chưa qua softmax)"),
        ("bias = class frequencies (no log)", [None, _BIAS_FREQUENCIES], "cần bias = ln(tần suất)"),
        ("bias = log-odds (sigmoid formula)", [None, _BIAS_LOG_ODDS], "công thức cho một đầu ra sigmoid"),
        ("replaces layer.bias by a new Parameter", [None, _BIAS_NEW_PARAMETER], "bộ tối ưu tạo trước đó"),
        ("turns requires_grad off to write the bias", [None, _BIAS_REQUIRES_GRAD_OFF], "không còn requires_grad"),
        ("zeros the weights too", [None, _BIAS_ZEROS_WEIGHT], "đã đổi trọng số"),
        ("no error for a class without samples", [None, _BIAS_NO_EMPTY_CHECK], "lớp 2 không có mẫu nào"),
        ("unsorted unique counts (wrong class order)", [None, _BIAS_UNIQUE_ORDER], "đúng thứ tự nhãn"),
        ("no check of label range", [None, _BIAS_NO_RANGE_CHECK], "y có nhãn 3 khi chỉ có 3 lớp"),
        ("loss measured in train mode (dropout on), mode restored", [_LOSS_TRAIN_MODE, None], "đừng gọi model.train()"),
    ],
    "3": [
        ("trains the caller's model", _OVERFIT_IN_PLACE, "huấn luyện một bản sao"),
        ("state_dict() 'backup' shares memory, so the caller's model is trained", _OVERFIT_STATE_DICT_COPY,
         "huấn luyện một bản sao"),
        ("ok when the loss went down at all", _OVERFIT_ALWAYS_OK, "ok phải là losses[-1] < threshold"),
        ("ok uses the mean loss of the run", _OVERFIT_MEAN_LOSS, "ok phải là losses[-1] < threshold"),
        ("ignores lr", _OVERFIT_FIXED_LR, "không dùng tham số lr"),
        ("no loss measured after the last step", _OVERFIT_NO_FINAL, "cần steps + 1"),
        ("losses and ok are tensors", _OVERFIT_TENSOR_OK, "list các số float"),
        ("ignores threshold", _OVERFIT_FIXED_THRESHOLD, "với đúng ngưỡng được truyền vào"),
        ("no error for steps = 0", _OVERFIT_NO_STEPS_CHECK, "steps = 0"),
        ("one step too many", _OVERFIT_ONE_EXTRA_STEP, "cần steps + 1"),
        ("no zero_grad: gradients accumulate", _OVERFIT_NO_ZERO_GRAD, "gọi optimizer.zero_grad() trước backward"),
        ("SGD instead of Adam", _OVERFIT_SGD, "dùng torch.optim.Adam(trial.parameters(), lr=lr)"),
    ],
    "4": [
        ("best state saved without a copy", _EARLY_NO_COPY, "lưu một bản sao"),
        ("best state never loaded back", _EARLY_NO_RELOAD, "lưu một bản sao"),
        ("a tie counts as an improvement", _EARLY_LESS_EQUAL, "nhỏ hơn hẳn"),
        ("stops at the first epoch without improvement", _EARLY_NO_PATIENCE, "bạn dừng quá sớm"),
        ("counter not reset after an improvement", _EARLY_NO_RESET, "đặt lại bộ đếm"),
        ("stops one epoch late", _EARLY_LATE, "dừng muộn một epoch"),
        ("epochs counted from 0", _EARLY_ZERO_BASED, "epoch đếm từ 1"),
        ("no error for patience = 0", _EARLY_NO_ARG_CHECK, "patience = 0"),
        ("saves parameters only, not buffers", _EARLY_PARAMS_ONLY, "TOÀN BỘ state_dict"),
        ("measures validation loss twice per epoch", _EARLY_VAL_TWICE, "đúng một lần"),
        ("shallow copy of the state dict", _EARLY_SHALLOW_COPY, "lưu một bản sao"),
        ("rebinds the local name to the best copy", _EARLY_REBINDS_MODEL, "model.load_state_dict(...)"),
    ],
    "5": [
        ("uniform on the linear scale", [_SAMPLE_LINEAR, None], "bạn đang rút đều theo thang thường"),
        ("global RNG instead of the generator", [_SAMPLE_GLOBAL_RNG, None], "không phụ thuộc đúng vào generator"),
        ("log10 then exp (mixed bases)", [_SAMPLE_MIXED_BASES, None], "cùng một cơ số"),
        ("no error for low <= 0", [_SAMPLE_NO_POSITIVE_CHECK, None], "low = 0"),
        ("reseeds the generator inside", [_SAMPLE_RESEEDS, None], "không phụ thuộc đúng vào generator"),
        ("log of a uniform draw instead of exp", [_SAMPLE_LOG_OF_UNIFORM, None], "log của các mẫu không phân bố đều"),
        ("keeps the worst trial", [None, _SEARCH_MAX], "càng nhỏ càng tốt"),
        ("calls the objective again to pick the best", [None, _SEARCH_CALLS_TWICE], "objective được gọi"),
        ("one trial short of the budget", [None, _SEARCH_OFF_BY_ONE], "objective được gọi"),
        ("grid of random values reused across trials", [None, _SEARCH_GRID], "mỗi lượt rút một giá trị mới"),
        ("one random number shared by all hyperparameters", [None, _SEARCH_SHARED_U], "dùng chung một số ngẫu nhiên"),
        ("ignores the 'log' scale in the search", [None, _SEARCH_IGNORES_SCALE], "hãy dùng sample_log_uniform"),
        ("no error for an unknown scale", [None, _SEARCH_NO_SCALE_CHECK], "thang 'loga'"),
        ("config values left as tensors", [None, _SEARCH_TENSOR_VALUES], "số float của Python"),
    ],
    "6": [
        ("majority vote of labels", _ENSEMBLE_VOTE, "bỏ phiếu theo nhãn"),
        ("average of logits", _ENSEMBLE_MEAN_LOGITS, "trung bình logit"),
        ("softmax over the sample axis", _ENSEMBLE_WRONG_DIM, "softmax theo chiều lớp (dim=1)"),
        ("sum instead of mean", _ENSEMBLE_SUM, "không phải tổng"),
        ("dropout left on (no eval)", _ENSEMBLE_NO_EVAL, "model.eval() trước khi gọi"),
        ("models left in eval mode", _ENSEMBLE_NO_RESTORE, "trả mỗi mô hình về đúng chế độ cũ"),
        ("models always put back in train mode", _ENSEMBLE_ALWAYS_TRAIN, "trả mỗi mô hình về đúng chế độ cũ"),
        ("builds the graph (no no_grad)", _ENSEMBLE_WITH_GRAD, "torch.no_grad()"),
        ("no error for an empty list", _ENSEMBLE_NO_EMPTY_CHECK, "list mô hình rỗng"),
        ("geometric mean (mean of log-probabilities)", _ENSEMBLE_GEOMETRIC, "trung bình logit"),
        ("labels returned as a Python list", _ENSEMBLE_LIST_LABELS, "labels = probs.argmax(dim=1)"),
    ],
}

CORRECT_ANSWERS = {
    "1": [
        ("Counter of row tuples", _AUDIT_COUNTER),
        ("torch.unique(dim=0) and a broadcast comparison", _AUDIT_UNIQUE_DIM0),
    ],
    "2": [
        ("sum of log-softmax at the labels, mean by hand, .item()",
         ["with torch.no_grad():\n    logp = torch.log_softmax(model(X), dim=1)\n"
          "    loss = -logp[torch.arange(len(y)), y].sum().item() / len(y)", None]),
        ("nn.CrossEntropyLoss and .data assignment", [
            "loss = nn.CrossEntropyLoss()(model(X), y).detach()",
            """if layer.out_features != n_classes:
    raise ValueError("số đầu ra của tầng khác số lớp")
if ((y < 0) | (y >= n_classes)).any():
    raise ValueError("có nhãn ngoài khoảng")
counts = torch.stack([(y == c).sum() for c in range(n_classes)])
if (counts == 0).any():
    raise ValueError("có lớp không có mẫu nào")
layer.bias.data = torch.log(counts.float() / len(y)) + 5.0  # cộng hằng số: softmax không đổi"""]),
        ("numpy counts, fill in a loop", [None, """import numpy as np
if layer.out_features != n_classes:
    raise ValueError(f"tầng cuối có {layer.out_features} đầu ra, không khớp {n_classes} lớp")
labels = y.numpy()
if labels.min() < 0 or labels.max() >= n_classes:
    raise ValueError("nhãn nằm ngoài 0..C-1")
counts = np.bincount(labels, minlength=n_classes)
if (counts == 0).any():
    raise ValueError("một lớp không có mẫu")
with torch.no_grad():
    for c in range(n_classes):
        layer.bias[c] = math.log(counts[c] / counts.sum())"""]),
    ],
    "3": [
        ("Adam, every loss measured by a no-grad helper after each step", """
if steps < 1:
    raise ValueError("số bước phải dương")
if X.shape[0] != y.shape[0]:
    raise ValueError("X và y khác số mẫu")
trial = copy.deepcopy(model).train()
opt = torch.optim.Adam(trial.parameters(), lr=lr)
def measure():
    with torch.no_grad():
        return F.cross_entropy(trial(X), y).item()
losses = [measure()]
for _ in range(steps):
    opt.zero_grad()
    F.cross_entropy(trial(X), y).backward()
    opt.step()
    losses.append(measure())
ok = bool(losses[-1] < threshold)"""),
        ("load_state_dict into a fresh deepcopy, nn.CrossEntropyLoss", """
if not steps >= 1:
    raise ValueError(f"số bước không hợp lệ: {steps}")
if len(X) != len(y):
    raise ValueError("số mẫu của X và y khác nhau")
trial = copy.deepcopy(model)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(trial.parameters(), lr)
losses = []
step = 0
while True:
    optimizer.zero_grad()
    loss = criterion(trial(X), y)
    losses.append(float(loss))
    if step == steps:
        break
    loss.backward()
    optimizer.step()
    step += 1
ok = losses[-1] < threshold"""),
    ],
    "4": [
        ("clone each tensor, track best with a list", """
if max_epochs < 1 or patience < 1:
    raise ValueError(f"cần max_epochs ≥ 1 và patience ≥ 1, nhận max_epochs={max_epochs}, patience={patience}")
val_losses = []
best_state, best_epoch = None, None
for epoch in range(1, max_epochs + 1):
    train_one_epoch(model)
    val_losses.append(validation_loss(model))
    if best_epoch is None or val_losses[-1] < val_losses[best_epoch - 1]:
        best_epoch = epoch
        best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    elif epoch - best_epoch >= patience:
        break
model.load_state_dict(best_state)
result = {"best_epoch": best_epoch, "best_val_loss": val_losses[best_epoch - 1], "epochs_run": len(val_losses),
          "val_losses": val_losses}"""),
        ("while loop, io.BytesIO checkpoint", """
import io
if max_epochs < 1:
    raise ValueError("max_epochs phải ít nhất 1")
if patience < 1:
    raise ValueError("patience phải ít nhất 1")
epoch, bad, best_epoch, best = 0, 0, 0, float("inf")
history, buffer = [], io.BytesIO()
while epoch < max_epochs and bad < patience:
    epoch += 1
    train_one_epoch(model)
    value = validation_loss(model)
    history.append(value)
    if value < best:
        best, best_epoch, bad = value, epoch, 0
        buffer = io.BytesIO()
        torch.save(model.state_dict(), buffer)
    else:
        bad += 1
buffer.seek(0)
model.load_state_dict(torch.load(buffer))
result = {"best_epoch": best_epoch, "best_val_loss": best, "epochs_run": epoch, "val_losses": history}"""),
    ],
    "5": [
        ("10 ** uniform(log10 low, log10 high), all configs drawn up front", [
            """if low <= 0:
    raise ValueError("low phải là số dương")
if low >= high:
    raise ValueError("low phải nhỏ hơn high")
exponents = torch.empty(n, dtype=torch.float64).uniform_(math.log10(low), math.log10(high), generator=generator)
samples = 10 ** exponents""",
            """if budget < 1:
    raise ValueError("budget phải ít nhất 1")
if any(s not in ("log", "linear") for _, _, s in space.values()):
    raise ValueError("thang không hợp lệ")
columns = {}
for name, (low, high, scale) in space.items():
    if scale == "log":
        columns[name] = sample_log_uniform(low, high, budget, generator).tolist()
    else:
        columns[name] = (low + (high - low) * torch.rand(budget, generator=generator, dtype=torch.float64)).tolist()
trials = []
best_config, best_loss = None, float("inf")
for i in range(budget):
    config = {name: columns[name][i] for name in space}
    loss = objective(config)
    trials.append((config, loss))
    if loss < best_loss:
        best_config, best_loss = config, loss"""]),
        ("numpy generator seeded from the torch generator", [
            """import numpy as np
if not (low > 0 and high > 0):
    raise ValueError("thang log chỉ nhận số dương")
if not low < high:
    raise ValueError("low phải nhỏ hơn high")
seed = int(torch.randint(0, 2**31 - 1, (1,), generator=generator))
rng = np.random.default_rng(seed)
samples = torch.from_numpy(np.exp(rng.uniform(np.log(low), np.log(high), size=n)))""", None]),
    ],
    "6": [
        ("stack of softmaxes, mean with a loop sum", """
if not models:
    raise ValueError("cần ít nhất một mô hình")
total = None
for model in models:
    mode = model.training
    model.eval()
    with torch.no_grad():
        p = model(X).softmax(dim=-1)
    model.train(mode)
    total = p if total is None else total + p
probs = total / len(models)
labels = torch.argmax(probs, dim=1)"""),
        ("torch.inference_mode and F.softmax", """
if len(models) < 1:
    raise ValueError("tổ hợp cần ít nhất một mô hình")
modes = [m.training for m in models]
for m in models:
    m.eval()
with torch.inference_mode():
    probs = torch.stack([F.softmax(m(X), dim=1) for m in models]).mean(0)
for m, mode in zip(models, modes):
    m.train(mode)
probs = probs.clone()
labels = probs.argmax(1)"""),
    ],
}
