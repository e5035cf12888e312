"""Wrong and correct answers for solutions/lab05_lich_su_imagenet.ipynb (format: see __init__.py).

Each entry replaces the solution regions of the question's last solution cell, in order;
None keeps the solution's region. ``WRONG_ANSWERS`` entries carry the hint (a substring of
the Vietnamese message) the learner must see; ``CORRECT_ANSWERS`` must pass.
"""

from __future__ import annotations

from tests.wrong_answers import swap as _swap


# ---------------------------------------------------------------- Câu 1: topk_error
_TOPK = '''
if scores.ndim != 2:
    raise ValueError(f"scores phải là tensor 2 chiều (N, C), nhận tensor {scores.ndim} chiều.")
n_samples, n_classes = scores.shape
if targets.ndim != 1 or len(targets) != n_samples:
    raise ValueError(f"targets phải có dạng (N,) với cùng số mẫu N = {n_samples} như scores.")
if not 1 <= k <= n_classes:
    raise ValueError(f"k phải nằm trong 1 .. số lớp C = {n_classes}, nhận k = {k}.")
if n_samples and (int(targets.min()) < 0 or int(targets.max()) >= n_classes):
    raise ValueError(f"targets có nhãn ngoài khoảng 0 .. {n_classes - 1}.")
with torch.no_grad():
    target_scores = scores.gather(1, targets.long()[:, None])
    ranks = (scores >= target_scores).sum(dim=1)
    error = (ranks > k).double().mean().item()
'''
_TOPK_TORCH_TOPK = _swap(_TOPK, """    target_scores = scores.gather(1, targets.long()[:, None])
    ranks = (scores >= target_scores).sum(dim=1)
    error = (ranks > k).double().mean().item()""",
    """    top = scores.topk(k, dim=1).indices
    error = 1.0 - (top == targets[:, None]).any(dim=1).double().mean().item()""")
_TOPK_ARGSORT = _swap(_TOPK, """    target_scores = scores.gather(1, targets.long()[:, None])
    ranks = (scores >= target_scores).sum(dim=1)
    error = (ranks > k).double().mean().item()""",
    """    order = scores.argsort(dim=1, descending=True)
    position = (order == targets[:, None]).float().argmax(dim=1)  # vị trí của nhãn thật trong thứ tự
    error = (position >= k).double().mean().item()""")
_TOPK_OPTIMISTIC = _swap(_TOPK, "ranks = (scores >= target_scores).sum(dim=1)",
                         "ranks = (scores > target_scores).sum(dim=1) + 1")
_TOPK_ACCURACY = _swap(_TOPK, "error = (ranks > k).double().mean().item()", "error = (ranks <= k).double().mean().item()")
_TOPK_PERCENT = _swap(_TOPK, "error = (ranks > k).double().mean().item()",
                      "error = 100 * (ranks > k).double().mean().item()")
_TOPK_TENSOR = _swap(_TOPK, "error = (ranks > k).double().mean().item()", "error = (ranks > k).double().mean()")
_TOPK_OFF_BY_ONE = _swap(_TOPK, "error = (ranks > k).double().mean().item()",
                         "error = (ranks >= k).double().mean().item()")
_TOPK_NO_K_CHECK = _swap(_TOPK, """if not 1 <= k <= n_classes:
    raise ValueError(f"k phải nằm trong 1 .. số lớp C = {n_classes}, nhận k = {k}.")
""", "")
_TOPK_NO_LABEL_CHECK = _swap(_TOPK, """if n_samples and (int(targets.min()) < 0 or int(targets.max()) >= n_classes):
    raise ValueError(f"targets có nhãn ngoài khoảng 0 .. {n_classes - 1}.")
""", "")
_TOPK_NO_SHAPE_CHECK = _swap(_TOPK, """if targets.ndim != 1 or len(targets) != n_samples:
    raise ValueError(f"targets phải có dạng (N,) với cùng số mẫu N = {n_samples} như scores.")
""", "")
_TOPK_IN_PLACE = _swap(_TOPK, "with torch.no_grad():\n",
                       "with torch.no_grad():\n    scores -= scores.max(dim=1, keepdim=True).values  # cho ổn định số học\n")
_TOPK_VAGUE = _swap(_TOPK, 'raise ValueError(f"scores phải là tensor 2 chiều (N, C), nhận tensor {scores.ndim} chiều.")',
                    'raise ValueError("Đầu vào không hợp lệ.")')
_TOPK_GRAD = """
if scores.ndim != 2:
    raise ValueError("scores phải là tensor 2 chiều")
if targets.shape != (scores.shape[0],):
    raise ValueError("targets phải có cùng số mẫu với scores")
if not 1 <= k <= scores.shape[1]:
    raise ValueError("k phải từ 1 đến số lớp")
if ((targets < 0) | (targets >= scores.shape[1])).any():
    raise ValueError("có nhãn ngoài khoảng")
ranks = (scores >= scores.gather(1, targets[:, None])).sum(dim=1)
error = (ranks > k).float().mean().item()
scores.sum().backward() if scores.requires_grad else None  # thử xem gradient chạy được không
"""
_TOPK_LOOP = """
if scores.dim() != 2:
    raise ValueError(f"cần scores 2 chiều, nhận {scores.dim()} chiều")
if targets.dim() != 1 or targets.shape[0] != scores.shape[0]:
    raise ValueError("số mẫu của scores và targets khác nhau")
if k < 1 or k > scores.shape[1]:
    raise ValueError(f"k = {k} ngoài khoảng 1 .. số lớp")
wrong = 0
for row, label in zip(scores.tolist(), targets.tolist()):
    if not 0 <= label < len(row):
        raise ValueError(f"nhãn {label} ngoài khoảng")
    rank = sum(value >= row[label] for value in row)
    wrong += rank > k
error = wrong / len(row) if False else wrong / scores.shape[0]
"""
_TOPK_STRICT_PLUS_TIES = """
if len(scores.shape) != 2:
    raise ValueError("scores phải có 2 chiều")
N, C = scores.shape
if tuple(targets.shape) != (N,):
    raise ValueError("targets cần dạng (N,) với cùng số mẫu")
if not (isinstance(k, int) and 1 <= k <= C):
    raise ValueError("k phải nằm giữa 1 và số lớp")
if bool((targets < 0).any()) or bool((targets >= C).any()):
    raise ValueError("nhãn ngoài 0 .. C-1")
s = scores.detach()
t = s[torch.arange(N), targets].unsqueeze(1)
better = (s > t).sum(1)
tied_others = (s == t).sum(1) - 1
error = float(((better + tied_others) >= k).to(torch.float64).mean())
"""

# ---------------------------------------------------------------- Câu 2: count_cost, VGG11_LAYERS
_COUNT = '''
if len(input_shape) != 3:
    raise ValueError(f"input_shape phải là (C, H, W) của một ảnh, nhận {tuple(input_shape)!r}.")
shape = tuple(int(v) for v in input_shape)
params = macs = 0
for layer in layers:
    kind = layer[0]
    if kind == "conv":
        _, c_out, k, s, p = layer
        c_in, h, w = shape
        shape = (c_out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)
        params += c_out * c_in * k * k + c_out
        macs += math.prod(shape) * c_in * k * k
    elif kind == "pool":
        _, k, s = layer
        c, h, w = shape
        shape = (c, (h - k) // s + 1, (w - k) // s + 1)
    elif kind == "fc":
        n_in, n_out = math.prod(shape), layer[1]
        params += n_in * n_out + n_out
        macs += n_in * n_out
        shape = (n_out,)
    elif kind != "relu":
        raise ValueError(f"Không biết loại tầng {kind!r}.")
    if min(shape) < 1:
        raise ValueError(f"Sau tầng {layer!r} kích thước đầu ra là {shape}.")
result = {"params": params, "macs": macs, "output_shape": shape}
'''
_COUNT_NO_BIAS = _swap(_COUNT, "params += c_out * c_in * k * k + c_out", "params += c_out * c_in * k * k")
_COUNT_FLOPS = _swap(_COUNT, "macs += math.prod(shape) * c_in * k * k", "macs += 2 * math.prod(shape) * c_in * k * k")
_COUNT_INPUT_SIZE = _swap(_COUNT, "macs += math.prod(shape) * c_in * k * k", "macs += c_out * h * w * c_in * k * k")
_COUNT_NO_C_IN = _swap(_COUNT, "macs += math.prod(shape) * c_in * k * k", "macs += math.prod(shape) * k * k")
_COUNT_NO_PADDING = _swap(_COUNT, "shape = (c_out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)",
                          "shape = (c_out, (h - k) // s + 1, (w - k) // s + 1)")
_COUNT_NO_STRIDE = _swap(_COUNT, "shape = (c_out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)",
                         "shape = (c_out, h + 2 * p - k + 1, w + 2 * p - k + 1)")
_COUNT_POOL_CEIL = _swap(_COUNT, "shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                         "shape = (c, -(-(h - k) // s) + 1, -(-(w - k) // s) + 1)")
_COUNT_POOL_MACS = _swap(_COUNT, "shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                         "shape = (c, (h - k) // s + 1, (w - k) // s + 1)\n        macs += math.prod(shape) * k * k")
_COUNT_FC_CHANNELS = _swap(_COUNT, "n_in, n_out = math.prod(shape), layer[1]", "n_in, n_out = shape[0], layer[1]")
_COUNT_SKIP_UNKNOWN = _swap(_COUNT, """    elif kind != "relu":
        raise ValueError(f"Không biết loại tầng {kind!r}.")
""", "")
_COUNT_NO_SIZE_CHECK = _swap(_COUNT, """    if min(shape) < 1:
        raise ValueError(f"Sau tầng {layer!r} kích thước đầu ra là {shape}.")
""", "")
_COUNT_NO_INPUT_CHECK = _swap(_COUNT, """if len(input_shape) != 3:
    raise ValueError(f"input_shape phải là (C, H, W) của một ảnh, nhận {tuple(input_shape)!r}.")
""", "")
_COUNT_POPS = """
if len(input_shape) != 3:
    raise ValueError("input_shape phải là (C, H, W)")
shape, params, macs = tuple(input_shape), 0, 0
while layers:
    layer = layers.pop(0)
    if layer[0] == "conv":
        _, c_out, k, s, p = layer
        c_in, h, w = shape
        shape = (c_out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)
        params += c_out * c_in * k * k + c_out
        macs += math.prod(shape) * c_in * k * k
    elif layer[0] == "pool":
        shape = (shape[0], (shape[1] - layer[1]) // layer[2] + 1, (shape[2] - layer[1]) // layer[2] + 1)
    elif layer[0] == "fc":
        params += math.prod(shape) * layer[1] + layer[1]
        macs += math.prod(shape) * layer[1]
        shape = (layer[1],)
    elif layer[0] != "relu":
        raise ValueError("loại tầng không biết")
    if min(shape) < 1:
        raise ValueError("kích thước đầu ra nhỏ hơn 1")
result = {"params": params, "macs": macs, "output_shape": shape}
"""
_VGG11 = '''
for width in [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]:
    VGG11_LAYERS += [("pool", 2, 2)] if width == "M" else [("conv", width, 3, 1, 1), ("relu",)]
VGG11_LAYERS += [("fc", 4096), ("relu",), ("fc", 4096), ("relu",), ("fc", 1000)]
'''
_VGG11_MISSING_CONV = _swap(_VGG11, '256, 256, "M", 512, 512, "M", 512, 512', '256, 256, "M", 512, 512, "M", 512')
_VGG11_NO_PADDING = _swap(_VGG11, '("conv", width, 3, 1, 1)', '("conv", width, 3, 1, 0)')
_COUNT_DISPATCH = """
def conv(shape, c_out, k, s, p):
    c_in, h, w = shape
    out = (c_out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)
    return out, c_out * (c_in * k * k + 1), out[0] * out[1] * out[2] * c_in * k * k
def pool(shape, k, s):
    return (shape[0], (shape[1] - k) // s + 1, (shape[2] - k) // s + 1), 0, 0
def relu(shape):
    return shape, 0, 0
def fc(shape, n):
    n_in = 1
    for v in shape:
        n_in *= v
    return (n,), (n_in + 1) * n, n_in * n
rules = {"conv": conv, "pool": pool, "relu": relu, "fc": fc}
if len(tuple(input_shape)) != 3:
    raise ValueError("cần input_shape dạng (C, H, W)")
shape, params, macs = tuple(input_shape), 0, 0
for kind, *args in layers:
    if kind not in rules:
        raise ValueError(f"loại tầng {kind} không được hỗ trợ")
    shape, p, m = rules[kind](shape, *args)
    if any(v <= 0 for v in shape):
        raise ValueError(f"kích thước không gian đã về {shape}")
    params, macs = params + p, macs + m
result = {"params": params, "macs": macs, "output_shape": tuple(shape)}
"""
_COUNT_BUILD_AND_MEASURE = """
from torch.utils.flop_counter import FlopCounterMode
if len(input_shape) != 3:
    raise ValueError("input_shape phải là (C, H, W)")
x = torch.empty((1, *input_shape), device="meta")
params = flops = 0
for layer in layers:
    if layer[0] == "conv":
        m = nn.Conv2d(x.shape[1], layer[1], layer[2], layer[3], layer[4], device="meta")
    elif layer[0] == "pool":
        m = nn.MaxPool2d(layer[1], layer[2])
    elif layer[0] == "relu":
        m = nn.ReLU()
    elif layer[0] == "fc":
        x = x.reshape(1, -1)
        m = nn.Linear(x.shape[1], layer[1], device="meta")
    else:
        raise ValueError(f"loại tầng {layer[0]!r} không hỗ trợ")
    if layer[0] in ("conv", "pool"):
        h, w = x.shape[2], x.shape[3]
        k, s, p = layer[2 if layer[0] == "conv" else 1], layer[3 if layer[0] == "conv" else 2], layer[4] if layer[0] == "conv" else 0
        if (h + 2 * p - k) // s + 1 < 1 or (w + 2 * p - k) // s + 1 < 1:
            raise ValueError("kích thước đầu ra nhỏ hơn 1")
    params += sum(t.numel() for t in m.parameters())
    with FlopCounterMode(display=False) as counter:
        x = m(x)
    flops += counter.get_total_flops()
result = {"params": params, "macs": flops // 2, "output_shape": tuple(x.shape[1:])}
"""
_COUNT_INDEX_LOOP = """
import functools
import operator
if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 3:
    raise ValueError("cần input_shape = (C, H, W)")
c, h, w = input_shape
flat = None
params = macs = 0
i = 0
while i < len(layers):
    layer = layers[i]
    i += 1
    if layer[0] == "conv":
        c_out, k, s, p = layer[1:]
        h, w = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
        if h <= 0 or w <= 0:
            raise ValueError(f"kích thước {h}×{w} không hợp lệ")
        params += (c * k * k + 1) * c_out
        macs += c_out * h * w * c * k * k
        c = c_out
    elif layer[0] == "pool":
        h, w = (h - layer[1]) // layer[2] + 1, (w - layer[1]) // layer[2] + 1
        if h <= 0 or w <= 0:
            raise ValueError(f"kích thước {h}×{w} không hợp lệ")
    elif layer[0] == "fc":
        n_in = flat if flat is not None else functools.reduce(operator.mul, (c, h, w))
        params += n_in * layer[1] + layer[1]
        macs += n_in * layer[1]
        flat = layer[1]
    elif layer[0] == "relu":
        continue
    else:
        raise ValueError("loại tầng không hợp lệ")
result = {"params": params, "macs": macs, "output_shape": (flat,) if flat is not None else (c, h, w)}
"""
_VGG11_LITERAL = """
VGG11_LAYERS = [
    ("conv", 64, 3, 1, 1), ("relu",), ("pool", 2, 2),
    ("conv", 128, 3, 1, 1), ("relu",), ("pool", 2, 2),
    ("conv", 256, 3, 1, 1), ("relu",), ("conv", 256, 3, 1, 1), ("relu",), ("pool", 2, 2),
    ("conv", 512, 3, 1, 1), ("relu",), ("conv", 512, 3, 1, 1), ("relu",), ("pool", 2, 2),
    ("conv", 512, 3, 1, 1), ("relu",), ("conv", 512, 3, 1, 1), ("relu",), ("pool", 2, 2),
    ("fc", 4096), ("relu",), ("fc", 4096), ("relu",), ("fc", 1000),
]
"""

# ---------------------------------------------------------------- Câu 3: make_vgg
_MAKE = '''
layers, channels, pools = [], in_channels, 0
for item in config:
    if isinstance(item, str) and item == "M":
        layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        pools += 1
    elif isinstance(item, int) and not isinstance(item, bool) and item > 0:
        layers += [nn.Conv2d(channels, item, kernel_size=3, padding=1), nn.ReLU()]
        channels = item
    else:
        raise ValueError(f"Phần tử {item!r} không hợp lệ: chỉ nhận số nguyên dương hoặc 'M'.")
if image_size % 2 ** pools:
    raise ValueError(f"image_size = {image_size} phải chia hết cho 2^{pools}.")
side = image_size // 2 ** pools
model = nn.Sequential(
    *layers, nn.Flatten(),
    nn.Linear(channels * side * side, hidden), nn.ReLU(), nn.Dropout(0.5),
    nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(0.5),
    nn.Linear(hidden, num_classes))
'''
_MAKE_NO_PADDING = _swap(_MAKE, "nn.Conv2d(channels, item, kernel_size=3, padding=1)", "nn.Conv2d(channels, item, kernel_size=3)")
_MAKE_FIXED_7 = _swap(_MAKE, "nn.Linear(channels * side * side, hidden)", "nn.Linear(channels * 7 * 7, hidden)")
_MAKE_FIXED_3 = _swap(_MAKE, "layers, channels, pools = [], in_channels, 0", "layers, channels, pools = [], 3, 0")
_MAKE_NO_DROPOUT = _swap(_MAKE, "nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(0.5),",
                         "nn.Linear(hidden, hidden), nn.ReLU(),")
_MAKE_NO_RELU = _swap(_MAKE, "layers += [nn.Conv2d(channels, item, kernel_size=3, padding=1), nn.ReLU()]",
                      "layers += [nn.Conv2d(channels, item, kernel_size=3, padding=1)]")
_MAKE_POOL_STRIDE_1 = _swap(_MAKE, "nn.MaxPool2d(kernel_size=2, stride=2)", "nn.MaxPool2d(kernel_size=2, stride=1)")
_MAKE_NO_BIAS = _swap(_MAKE, "nn.Conv2d(channels, item, kernel_size=3, padding=1)",
                      "nn.Conv2d(channels, item, kernel_size=3, padding=1, bias=False)")
_MAKE_FIXED_HIDDEN = _swap(_swap(_MAKE, "nn.Linear(channels * side * side, hidden)", "nn.Linear(channels * side * side, 64)"),
                           "nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(0.5),\n    nn.Linear(hidden, num_classes)",
                           "nn.Linear(64, 64), nn.ReLU(), nn.Dropout(0.5),\n    nn.Linear(64, num_classes)")
_MAKE_LAST_ITEM = _swap(_MAKE, "nn.Linear(channels * side * side, hidden)",
                        "nn.Linear([v for v in config if v != 'M'][0] * side * side, hidden)")
_MAKE_NO_ITEM_CHECK = _swap(_MAKE, """    elif isinstance(item, int) and not isinstance(item, bool) and item > 0:
        layers += [nn.Conv2d(channels, item, kernel_size=3, padding=1), nn.ReLU()]
        channels = item
    else:
        raise ValueError(f"Phần tử {item!r} không hợp lệ: chỉ nhận số nguyên dương hoặc 'M'.")""",
                            """    else:
        layers += [nn.Conv2d(channels, item, kernel_size=3, padding=1), nn.ReLU()]
        channels = item""")
_MAKE_NO_SIZE_CHECK = _swap(_MAKE, """if image_size % 2 ** pools:
    raise ValueError(f"image_size = {image_size} phải chia hết cho 2^{pools}.")
""", "")
_MAKE_POPS = _swap(_MAKE, "for item in config:", "while config:\n    item = config.pop(0)")
_MAKE_DROPOUT_02 = _swap(_MAKE, "nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(0.5),",
                         "nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(0.2),")
_MAKE_MODULE = """
class VGG(nn.Module):
    def __init__(self):
        super().__init__()
        convs, c, m = [], in_channels, 0
        for v in config:
            if v == "M":
                convs.append(nn.MaxPool2d(2, 2))
                m += 1
            elif type(v) is int and v > 0:
                convs += [nn.Conv2d(c, v, 3, 1, 1), nn.ReLU(inplace=True)]
                c = v
            else:
                raise ValueError(f"cấu hình chỉ gồm số kênh hoặc 'M', gặp {v!r}")
        if image_size % (2 ** m) != 0:
            raise ValueError("image_size phải chia hết cho 2 mũ số lần gộp")
        s = image_size // 2 ** m
        self.features = nn.Sequential(*convs)
        self.classifier = nn.Sequential(nn.Linear(c * s * s, hidden), nn.ReLU(True), nn.Dropout(),
                                        nn.Linear(hidden, hidden), nn.ReLU(True), nn.Dropout(),
                                        nn.Linear(hidden, num_classes))
    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))
model = VGG()
"""
_MAKE_TWO_PASSES = """
pools = sum(1 for v in config if v == "M")
for v in config:
    if v != "M" and not (isinstance(v, int) and v > 0):
        raise ValueError(f"phần tử {v!r} phải là số nguyên dương hay 'M'")
if image_size % (1 << pools):
    raise ValueError("image_size không chia hết cho 2^số lần 'M'")
features = nn.Sequential()
c = in_channels
for v in config:
    if v == "M":
        features.append(nn.MaxPool2d(2))
    else:
        features.extend([nn.Conv2d(c, v, (3, 3), padding=(1, 1)), nn.ReLU()])
        c = v
side = image_size >> pools
classifier = nn.Sequential(nn.Flatten(), nn.Linear(c * side ** 2, hidden), nn.ReLU(), nn.Dropout(p=0.5),
                           nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(hidden, num_classes))
model = nn.Sequential(features, classifier)
"""

# ---------------------------------------------------------------- Câu 4: Bottleneck
_INIT = '''
if stride not in (1, 2):
    raise ValueError(f"stride phải là 1 hoặc 2, nhận stride = {stride}.")
out_channels = self.expansion * mid_channels
self.main = nn.Sequential(
    nn.Conv2d(in_channels, mid_channels, 1, bias=False), nn.BatchNorm2d(mid_channels), nn.ReLU(),
    nn.Conv2d(mid_channels, mid_channels, 3, stride=stride, padding=1, bias=False),
    nn.BatchNorm2d(mid_channels), nn.ReLU(),
    nn.Conv2d(mid_channels, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels))
if stride == 1 and in_channels == out_channels:
    self.shortcut = nn.Identity()
else:
    self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                  nn.BatchNorm2d(out_channels))
'''
_FORWARD = "out = torch.relu(self.main(x) + self.shortcut(x))"
_INIT_NO_EXPANSION = _swap(_INIT, "out_channels = self.expansion * mid_channels", "out_channels = mid_channels")
_INIT_BIAS = _INIT.replace(", bias=False)", ")")
_INIT_ALWAYS_PROJECT = _swap(_INIT, "if stride == 1 and in_channels == out_channels:", "if False:")
_INIT_IGNORES_STRIDE = _swap(_INIT, "if stride == 1 and in_channels == out_channels:", "if in_channels == out_channels:")
_INIT_PROJECTION_NO_BN = _swap(_INIT, """    self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                  nn.BatchNorm2d(out_channels))""",
                               "    self.shortcut = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)")
_INIT_NO_PADDING = _swap(_INIT, "nn.Conv2d(mid_channels, mid_channels, 3, stride=stride, padding=1, bias=False)",
                         "nn.Conv2d(mid_channels, mid_channels, 3, stride=stride, bias=False)")
_INIT_NO_STRIDE_CHECK = _swap(_INIT, """if stride not in (1, 2):
    raise ValueError(f"stride phải là 1 hoặc 2, nhận stride = {stride}.")
""", "")
_INIT_RELU_LAST_IN_MAIN = _swap(_INIT, "nn.Conv2d(mid_channels, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels))",
                                "nn.Conv2d(mid_channels, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels),\n    nn.ReLU())")
_INIT_3X3_FIRST = _swap(_INIT, """    nn.Conv2d(in_channels, mid_channels, 1, bias=False), nn.BatchNorm2d(mid_channels), nn.ReLU(),
    nn.Conv2d(mid_channels, mid_channels, 3, stride=stride, padding=1, bias=False),""",
                        """    nn.Conv2d(in_channels, mid_channels, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(mid_channels), nn.ReLU(),
    nn.Conv2d(mid_channels, mid_channels, 1, bias=False),""")
_FORWARD_NO_FINAL_RELU = "out = self.main(x) + self.shortcut(x)"
_FORWARD_NO_SHORTCUT = "out = torch.relu(self.main(x))"
_FORWARD_IN_PLACE = "identity = self.shortcut(x)\nidentity += self.main(x)\nout = torch.relu(identity)"
_INIT_FUNCTIONAL = """
if stride != 1 and stride != 2:
    raise ValueError("stride chỉ nhận 1 hoặc 2")
out_channels = 4 * mid_channels
self.conv1 = nn.Conv2d(in_channels, mid_channels, kernel_size=1, stride=stride, bias=False)  # bước ở 1×1 như bài báo
self.bn1 = nn.BatchNorm2d(mid_channels)
self.conv2 = nn.Conv2d(mid_channels, mid_channels, kernel_size=3, padding=1, bias=False)
self.bn2 = nn.BatchNorm2d(mid_channels)
self.conv3 = nn.Conv2d(mid_channels, out_channels, kernel_size=1, bias=False)
self.bn3 = nn.BatchNorm2d(out_channels)
self.downsample = None
if stride != 1 or in_channels != out_channels:
    self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                    nn.BatchNorm2d(out_channels))
"""
_FORWARD_FUNCTIONAL = """
import torch.nn.functional as F
identity = x if self.downsample is None else self.downsample(x)
h = F.relu(self.bn1(self.conv1(x)))
h = F.relu(self.bn2(self.conv2(h)))
h = self.bn3(self.conv3(h))
out = F.relu(h + identity)
"""

# ---------------------------------------------------------------- Câu 5: relative_reductions
_REDUCE = '''
if len(table) < 2:
    raise ValueError(f"Cần ít nhất hai năm để so sánh, bảng chỉ có {len(table)}.")
if any(not error > 0 for error in table.values()):
    raise ValueError("Mọi lỗi phải là số dương.")
years = sorted(table)
reductions = {year: (table[before] - table[year]) / table[before] for before, year in zip(years, years[1:])}
'''
_REDUCE_PERCENT = _swap(_REDUCE, "(table[before] - table[year]) / table[before]",
                        "100 * (table[before] - table[year]) / table[before]")
_REDUCE_BY_CURRENT = _swap(_REDUCE, "(table[before] - table[year]) / table[before]",
                           "(table[before] - table[year]) / table[year]")
_REDUCE_ABSOLUTE = _swap(_REDUCE, "(table[before] - table[year]) / table[before]", "table[before] - table[year]")
_REDUCE_RATIO = _swap(_REDUCE, "(table[before] - table[year]) / table[before]", "table[year] / table[before]")
_REDUCE_UNSORTED = _swap(_REDUCE, "years = sorted(table)", "years = list(table)")
_REDUCE_FIRST_YEAR = _swap(_REDUCE, "for before, year in zip(years, years[1:])}",
                           "for before, year in zip(years, years[1:])}\nreductions[years[0]] = 0.0")
_REDUCE_NO_COUNT_CHECK = _swap(_REDUCE, """if len(table) < 2:
    raise ValueError(f"Cần ít nhất hai năm để so sánh, bảng chỉ có {len(table)}.")
""", "")
_REDUCE_NO_POSITIVE_CHECK = _swap(_REDUCE, """if any(not error > 0 for error in table.values()):
    raise ValueError("Mọi lỗi phải là số dương.")
""", "")
_REDUCE_CONSECUTIVE_YEARS = _swap(_REDUCE, "for before, year in zip(years, years[1:])}",
                                  "for before, year in zip(years, years[1:]) if year - 1 in table}")
_REDUCE_POPS = _swap(_REDUCE, "years = sorted(table)", "years = sorted(table)\nfirst = table.pop(years[0])\ntable[years[0]] = first")
_REDUCE_LOOP = """
items = sorted(table.items())
if len(items) <= 1:
    raise ValueError("cần dữ liệu của ít nhất hai năm")
reductions = {}
previous = None
for year, error in items:
    if error <= 0:
        raise ValueError(f"lỗi năm {year} phải dương")
    if previous is not None:
        reductions[year] = 1 - error / previous
    previous = error
"""
_REDUCE_NUMPY = """
import numpy as np
if len(table) < 2:
    raise ValueError("bảng cần ít nhất hai năm")
years = np.array(sorted(table))
errors = np.array([table[y] for y in years], dtype=float)
if (errors <= 0).any():
    raise ValueError("lỗi phải là số dương")
r = -np.diff(errors) / errors[:-1]
reductions = {int(y): float(v) for y, v in zip(years[1:], r)}
"""

# ---------------------------------------------------------------- Câu 6: plot_winners
_PLOT = '''
years = sorted(table)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(years, [table[year] for year in years], marker="o", label="Đội thắng ILSVRC")
ax.axhline(human, color="gray", linestyle="--", label=f"Một chuyên gia người ({human:g} %)".replace(".", ","))
ax.set_xlabel("Năm")
ax.set_ylabel("Lỗi top-5 trên tập kiểm tra (%)")
ax.set_title("Lỗi top-5 của đội thắng ILSVRC qua các năm")
ax.legend()
'''
_PLOT_ENGLISH = _swap(_swap(_PLOT, 'ax.set_xlabel("Năm")', 'ax.set_xlabel("Year")'),
                      'ax.set_ylabel("Lỗi top-5 trên tập kiểm tra (%)")', 'ax.set_ylabel("Top-5 error (%)")')
_PLOT_NO_TITLE = _swap(_PLOT, 'ax.set_title("Lỗi top-5 của đội thắng ILSVRC qua các năm")\n', "")
_PLOT_UNSORTED = _swap(_PLOT, "years = sorted(table)", "years = list(table)")
_PLOT_NO_HUMAN = _swap(_PLOT, 'ax.axhline(human, color="gray", linestyle="--", label=f"Một chuyên gia người ({human:g} %)".replace(".", ","))\n', "")
_PLOT_FIXED_HUMAN = _swap(_PLOT, "ax.axhline(human,", "ax.axhline(5.1,")
_PLOT_NO_LEGEND = _swap(_PLOT, "ax.legend()\n", "")
_PLOT_NO_LABELS_LEGEND = _swap(_swap(_PLOT, ', label="Đội thắng ILSVRC"', ""), ', label=f"Một chuyên gia người ({human:g} %)".replace(".", ",")', "")
_PLOT_ENGLISH_LEGEND = _swap(_swap(_PLOT, 'label="Đội thắng ILSVRC"', 'label="ILSVRC winners"'),
                             'label=f"Một chuyên gia người ({human:g} %)".replace(".", ",")', 'label="Human expert"')
_PLOT_BARS = _swap(_PLOT, 'ax.plot(years, [table[year] for year in years], marker="o", label="Đội thắng ILSVRC")',
                   'ax.bar(years, [table[year] for year in years], label="Đội thắng ILSVRC")')
_PLOT_REDUCTIONS = _swap(_PLOT, 'ax.plot(years, [table[year] for year in years], marker="o", label="Đội thắng ILSVRC")',
                         'ax.plot(years[1:], [(table[a] - table[b]) / table[a] for a, b in zip(years, years[1:])], '
                         'marker="o", label="Đội thắng ILSVRC")')
_PLOT_NO_YLABEL = _swap(_PLOT, 'ax.set_ylabel("Lỗi top-5 trên tập kiểm tra (%)")\n', "")
_PLOT_PYPLOT = """
fig = plt.figure(figsize=(6, 3.5))
xs = sorted(table.keys())
plt.plot(xs, [table[x] for x in xs], "o-", label="Lỗi top-5 của đội thắng")
plt.hlines(human, xs[0], xs[-1], colors="k", linestyles=":", label="Mức của con người")
plt.xlabel("Năm thi")
plt.ylabel("Lỗi top-5 (%)")
plt.title("ILSVRC: lỗi giảm qua từng năm")
plt.legend()
"""
_PLOT_LOG_TWO_LINES = """
fig = plt.figure()
ax = fig.add_subplot(1, 1, 1)
pairs = sorted(table.items())
ax.semilogy([p[0] for p in pairs], [p[1] for p in pairs], marker="s", label="Đội thắng")
ax.plot([pairs[0][0], pairs[-1][0]], [human, human], "--", label="Người")
ax.set(xlabel="Năm", ylabel="Lỗi top-5 (%, thang log)")
fig.suptitle("Lỗi top-5 theo năm")
ax.legend(loc="upper right")
"""

# ---------------------------------------------------------------- added in review: more ways to be wrong
_TOPK_BODY = """    target_scores = scores.gather(1, targets.long()[:, None])
    ranks = (scores >= target_scores).sum(dim=1)
    error = (ranks > k).double().mean().item()"""
_TOPK_CHAPTER_EXPECTED = _swap(_TOPK, _TOPK_BODY, """    target_scores = scores.gather(1, targets.long()[:, None])
    above = (scores > target_scores).sum(1)  # chép quy tắc kỳ vọng của chương 05
    tied = (scores == target_scores).sum(1)
    hit = (k - above).clamp(min=0).minimum(tied).double() / tied
    error = 1.0 - hit.mean().item()""")
_TOPK_KTH_VALUE = _swap(_TOPK, _TOPK_BODY, """    target_scores = scores.gather(1, targets.long()[:, None])
    kth = scores.topk(k, dim=1).values[:, -1:]  # điểm thứ k: đúng khi điểm nhãn thật không nhỏ hơn nó
    error = (target_scores < kth).double().mean().item()""")
_TOPK_KTH_VALUE_STRICT = _swap(_TOPK, _TOPK_BODY, """    target_scores = scores.gather(1, targets.long()[:, None])
    kth = scores.topk(k, dim=1).values[:, -1:]
    error = (target_scores <= kth).double().mean().item()""")
_TOPK_DROPS_GRAD = _swap(_TOPK, "with torch.no_grad():\n", "scores.requires_grad_(False)  # khỏi cần no_grad\nif True:\n")
_TOPK_NUMPY_NO_DETACH = _swap(_swap(_TOPK, "with torch.no_grad():\n", "if True:\n"), _TOPK_BODY, """    s, t = scores.numpy(), targets.numpy()
    target_scores = s[range(len(t)), t][:, None]
    error = float(((s >= target_scores).sum(axis=1) > k).mean())""")
_TOPK_LABEL_UPPER_ONLY = _swap(_TOPK, "if n_samples and (int(targets.min()) < 0 or int(targets.max()) >= n_classes):",
                               "if n_samples and int(targets.max()) >= n_classes:")
_TOPK_NUMPY = """
import numpy as np
if scores.ndim != 2:
    raise ValueError("scores phải là tensor 2 chiều (N, C)")
s = scores.detach().cpu().numpy()
t = targets.detach().cpu().numpy()
if t.shape != (s.shape[0],):
    raise ValueError("targets phải có dạng (N,), cùng số mẫu với scores")
if not 1 <= k <= s.shape[1]:
    raise ValueError("k phải nằm trong 1 .. số lớp")
if len(t) and (t.min() < 0 or t.max() >= s.shape[1]):
    raise ValueError("có nhãn ngoài khoảng 0 .. C-1")
rank = (s >= s[np.arange(len(t)), t][:, None]).sum(axis=1)
error = float(np.mean(rank > k))
"""
_TOPK_SEARCHSORTED = """
if scores.dim() != 2:
    raise ValueError(f"scores cần 2 chiều, nhận {scores.dim()}")
n, c = scores.shape
if targets.shape != (n,):
    raise ValueError(f"targets phải có dạng ({n},): một nhãn cho mỗi mẫu, đúng số mẫu")
if not 1 <= k <= c:
    raise ValueError(f"k phải từ 1 đến số lớp {c}")
if ((targets < 0) | (targets >= c)).any():
    raise ValueError("nhãn phải nằm trong 0 .. C-1")
s = scores.detach()
ascending = s.sort(dim=1).values.contiguous()
t = s[torch.arange(n), targets].unsqueeze(1).contiguous()
smaller = torch.searchsorted(ascending, t).squeeze(1)  # số lớp có điểm nhỏ hơn hẳn
error = ((c - smaller) > k).double().mean().item()
"""

_COUNT_CONV_SHAPE = "shape = (c_out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)"
_COUNT_SQUARE_ONLY = _swap(_COUNT, _COUNT_CONV_SHAPE,
                           "side = (h + 2 * p - k) // s + 1\n        shape = (c_out, side, side)  # ảnh vuông")
_COUNT_STRIDE_ONLY_WITH_PADDING = _swap(_COUNT, _COUNT_CONV_SHAPE, """if p:
            shape = (c_out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)
        else:
            shape = (c_out, h - k + 1, w - k + 1)  # không đệm thì như tích chập 'valid'""")
_COUNT_NP_FLOOR = "import numpy as np\n" + _swap(
    _COUNT, _COUNT_CONV_SHAPE, "shape = (c_out, np.floor((h + 2 * p - k) / s) + 1, np.floor((w + 2 * p - k) / s) + 1)")
_COUNT_FC_NO_BIAS = _swap(_COUNT, "params += n_in * n_out + n_out", "params += n_in * n_out")
_COUNT_RELU_MACS = _swap(_COUNT, """    elif kind != "relu":""", """    elif kind == "relu":
        macs += math.prod(shape)  # một phép so sánh cho mỗi phần tử
    else:""")
_VGG11_NO_LAST_POOL = _swap(_VGG11, '512, 512, "M", 512, 512, "M"]', '512, 512, "M", 512, 512]')
_COUNT_NUMPY = """
import numpy as np
if len(input_shape) != 3:
    raise ValueError("input_shape phải có dạng (C, H, W)")
shape = np.array(input_shape, dtype=np.int64)
params = macs = np.int64(0)
for layer in layers:
    if layer[0] == "conv":
        _, c_out, k, s, p = layer
        c_in = shape[0]
        shape = np.array([c_out, *((shape[1:] + 2 * p - k) // s + 1)], dtype=np.int64)
        params += c_out * c_in * k * k + c_out
        macs += np.prod(shape) * c_in * k * k
    elif layer[0] == "pool":
        _, k, s = layer
        shape = np.array([shape[0], *((shape[1:] - k) // s + 1)], dtype=np.int64)
    elif layer[0] == "fc":
        n_in = np.prod(shape)
        params += n_in * layer[1] + layer[1]
        macs += n_in * layer[1]
        shape = np.array([layer[1]], dtype=np.int64)
    elif layer[0] != "relu":
        raise ValueError(f"loại tầng {layer[0]!r} không hỗ trợ")
    if (shape < 1).any():
        raise ValueError(f"kích thước đầu ra {tuple(shape)} nhỏ hơn 1")
result = {"params": params, "macs": macs, "output_shape": tuple(shape)}
"""
_COUNT_FLOOR = _swap(_COUNT, _COUNT_CONV_SHAPE,
                     "shape = (c_out, math.floor((h + 2 * p - k) / s) + 1, math.floor((w + 2 * p - k) / s) + 1)")

_MAKE_CONV = "layers += [nn.Conv2d(channels, item, kernel_size=3, padding=1), nn.ReLU()]"
_MAKE_BATCHNORM = _swap(_MAKE, _MAKE_CONV,
                        "layers += [nn.Conv2d(channels, item, kernel_size=3, padding=1), nn.BatchNorm2d(item), nn.ReLU()]")
_MAKE_DROPOUT_BEFORE_LINEAR = _swap(_MAKE, """    nn.Linear(channels * side * side, hidden), nn.ReLU(), nn.Dropout(0.5),
    nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(0.5),
    nn.Linear(hidden, num_classes))""", """    nn.Dropout(0.5), nn.Linear(channels * side * side, hidden), nn.ReLU(),
    nn.Dropout(0.5), nn.Linear(hidden, hidden), nn.ReLU(),
    nn.Linear(hidden, num_classes))""")
_MAKE_ADAPTIVE_7 = _swap(_swap(_MAKE, "*layers, nn.Flatten(),", "*layers, nn.AdaptiveAvgPool2d((7, 7)), nn.Flatten(),"),
                         "nn.Linear(channels * side * side, hidden)", "nn.Linear(channels * 7 * 7, hidden)")
_MAKE_RELU_ON_LOGITS = _swap(_MAKE, "nn.Linear(hidden, num_classes))", "nn.Linear(hidden, num_classes), nn.ReLU())")
_MAKE_RELU_BEFORE_CONV = _swap(_MAKE, _MAKE_CONV,
                               "layers += [nn.ReLU(), nn.Conv2d(channels, item, kernel_size=3, padding=1)]")
_MAKE_ACCEPTS_FLOAT = _swap(_swap(_MAKE, "elif isinstance(item, int) and not isinstance(item, bool) and item > 0:",
                                  "elif isinstance(item, (int, float)) and item > 0:"),
                            _MAKE_CONV, "layers += [nn.Conv2d(channels, int(item), kernel_size=3, padding=1), nn.ReLU()]")
_MAKE_ACCEPTS_FLOAT = _swap(_MAKE_ACCEPTS_FLOAT, "channels = item", "channels = int(item)")
_MAKE_SHARED = """
act, pool = nn.ReLU(inplace=True), nn.MaxPool2d(2)  # một tầng ReLU và một tầng gộp, dùng lại nhiều lần
parts, c, halvings = [], in_channels, 0
for v in config:
    if v == "M":
        parts.append(pool)
        halvings += 1
    elif type(v) is int and v > 0:
        parts += [nn.Conv2d(c, v, 3, padding=1), act]
        c = v
    else:
        raise ValueError(f"{v!r}: cấu hình chỉ nhận số kênh nguyên dương hoặc 'M'")
if image_size % 2 ** halvings:
    raise ValueError("image_size phải chia hết cho 2^(số lần 'M')")
s = image_size // 2 ** halvings
model = nn.Sequential(*parts, nn.Flatten(),
                      nn.Linear(c * s * s, hidden), nn.Dropout(0.5), act,  # Dropout rồi ReLU: cùng kết quả
                      nn.Linear(hidden, hidden), nn.Dropout(0.5), act,
                      nn.Linear(hidden, num_classes))
"""
_MAKE_ORDERED_DICT = """
from collections import OrderedDict
named, c, m = OrderedDict(), in_channels, 0
for i, v in enumerate(config):
    if isinstance(v, str) and v == "M":
        named[f"pool{i}"] = nn.MaxPool2d(kernel_size=2, stride=2)
        m += 1
    elif isinstance(v, int) and not isinstance(v, bool) and v >= 1:
        named[f"conv{i}"] = nn.Conv2d(c, v, kernel_size=3, stride=1, padding=1)
        named[f"relu{i}"] = nn.ReLU()
        c = v
    else:
        raise ValueError(f"Phần tử {v!r} không phải số nguyên dương hay 'M'")
if image_size % (2 ** m):
    raise ValueError(f"image_size {image_size} không chia hết cho {2 ** m}")
s = image_size // (2 ** m)
named["flatten"] = nn.Flatten()
named["fc1"], named["relu_fc1"], named["drop1"] = nn.Linear(c * s * s, hidden), nn.ReLU(), nn.Dropout(0.5)
named["fc2"], named["relu_fc2"], named["drop2"] = nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(0.5)
named["fc3"] = nn.Linear(hidden, num_classes)
model = nn.Sequential(named)
"""

_INIT_NO_MIDDLE_RELU = _swap(_INIT, "nn.Conv2d(in_channels, mid_channels, 1, bias=False), nn.BatchNorm2d(mid_channels), nn.ReLU(),",
                             "nn.Conv2d(in_channels, mid_channels, 1, bias=False), nn.BatchNorm2d(mid_channels),")
_INIT_RELU_BEFORE_BN = _swap(_swap(_INIT, "nn.Conv2d(in_channels, mid_channels, 1, bias=False), nn.BatchNorm2d(mid_channels), nn.ReLU(),",
                                   "nn.Conv2d(in_channels, mid_channels, 1, bias=False), nn.ReLU(), nn.BatchNorm2d(mid_channels),"),
                             "    nn.BatchNorm2d(mid_channels), nn.ReLU(),\n    nn.Conv2d(mid_channels, out_channels",
                             "    nn.ReLU(), nn.BatchNorm2d(mid_channels),\n    nn.Conv2d(mid_channels, out_channels")
_INIT_SHORTCUT_NO_STRIDE = _swap(_INIT, "nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)",
                                 "nn.Conv2d(in_channels, out_channels, 1, bias=False)")
_INIT_DOUBLE_STRIDE = _swap(_INIT, "nn.Conv2d(in_channels, mid_channels, 1, bias=False)",
                            "nn.Conv2d(in_channels, mid_channels, 1, stride=stride, bias=False)")
_INIT_TORCHVISION = """
if stride not in {1, 2}:
    raise ValueError("stride chỉ được là 1 hoặc 2")
width, out_channels = mid_channels, mid_channels * self.expansion
self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
self.bn1 = nn.BatchNorm2d(width)
self.conv2 = nn.Conv2d(width, width, 3, stride, 1, bias=False)
self.bn2 = nn.BatchNorm2d(width)
self.conv3 = nn.Conv2d(width, out_channels, 1, bias=False)
self.bn3 = nn.BatchNorm2d(out_channels)
self.relu = nn.ReLU(inplace=True)  # một tầng ReLU dùng ba lần
self.downsample = (nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False), nn.BatchNorm2d(out_channels))
                   if stride != 1 or in_channels != out_channels else None)
"""
_FORWARD_TORCHVISION = """
identity = x if self.downsample is None else self.downsample(x)
out = self.relu(self.bn1(self.conv1(x)))
out = self.relu(self.bn2(self.conv2(out)))
out = self.bn3(self.conv3(out))
out += identity  # cộng tại chỗ vào out (tensor mới), không phải vào x
out = self.relu(out)
"""

_REDUCE_PAIRS = "reductions = {year: (table[before] - table[year]) / table[before] for before, year in zip(years, years[1:])}"
_REDUCE_YEAR_MINUS_ONE = _swap(_REDUCE, _REDUCE_PAIRS,
                               "reductions = {year: (table[year - 1] - table[year]) / table[year - 1] for year in years[1:]}")
_REDUCE_VS_FIRST = _swap(_REDUCE, _REDUCE_PAIRS,
                         "reductions = {year: (table[years[0]] - table[year]) / table[years[0]] for year in years[1:]}")
_REDUCE_ROUNDED = _swap(_REDUCE, _REDUCE_PAIRS,
                        "reductions = {year: round((table[before] - table[year]) / table[before], 3) "
                        "for before, year in zip(years, years[1:])}")
_REDUCE_ZERO_ALLOWED = _swap(_REDUCE, "if any(not error > 0 for error in table.values()):",
                             "if any(error < 0 for error in table.values()):")
_REDUCE_SORT_BY_ERROR = _swap(_REDUCE, "years = sorted(table)", "years = sorted(table, key=table.get, reverse=True)  # lỗi giảm dần")
_REDUCE_PAIRWISE = """
import itertools
if len(table) < 2:
    raise ValueError("cần ít nhất hai năm")
if min(table.values()) <= 0:
    raise ValueError("lỗi phải dương")
reductions = {b: (table[a] - table[b]) / table[a] for a, b in itertools.pairwise(sorted(table))}
"""

_PLOT_CALLS_SHOW = _swap(_PLOT, "ax.legend()\n", "ax.legend()\nplt.show()\n")
_PLOT_NO_MARKER = _swap(_PLOT, ', marker="o", label="Đội thắng ILSVRC"', ', label="Đội thắng ILSVRC"')
_PLOT_HALF_ENGLISH_LEGEND = _swap(_PLOT, 'label=f"Một chuyên gia người ({human:g} %)".replace(".", ",")',
                                  'label="Human expert"')
_PLOT_NO_DIACRITICS = _swap(_swap(_swap(_PLOT, 'ax.set_xlabel("Năm")', 'ax.set_xlabel("Nam")'),
                                  'ax.set_ylabel("Lỗi top-5 trên tập kiểm tra (%)")', 'ax.set_ylabel("Loi top-5 (%)")'),
                            'ax.set_title("Lỗi top-5 của đội thắng ILSVRC qua các năm")', 'ax.set_title("Loi top-5 qua cac nam")')
_PLOT_HUMAN_FRACTION = _swap(_PLOT, "ax.axhline(human,", "ax.axhline(human / 100,")
_PLOT_RETURNS_AX = _PLOT + "fig = ax\n"
_PLOT_FIG_LEGEND = """
fig, ax = plt.subplots(figsize=(6, 3.5))
ys = sorted(table)
ax.plot(ys, [table[y] for y in ys], "o-", label="Lỗi top-5 của đội thắng")
ax.hlines(human, min(ys), max(ys), linestyles="dashed", label="Mức của một chuyên gia")
ax.set_xlabel("Năm")
ax.set_ylabel("Lỗi top-5 (%)")
ax.set_title("Đội thắng ILSVRC so với con người")
fig.legend(loc="upper right")
"""

WRONG_ANSWERS = {
    "1": [
        ("torch.topk and membership (tie order decides)", _TOPK_TORCH_TOPK, "bằng nhau"),
        ("position in argsort (tie order decides)", _TOPK_ARGSORT, "bằng nhau"),
        ("optimistic rule: only strictly larger scores counted", _TOPK_OPTIMISTIC, "tính lạc quan"),
        ("returns accuracy instead of error", _TOPK_ACCURACY, "độ chính xác"),
        ("returns a percentage", _TOPK_PERCENT, "không phải phần trăm"),
        ("returns a tensor", _TOPK_TENSOR, "số float của Python"),
        ("off by one: rank >= k counts as wrong", _TOPK_OFF_BY_ONE, "không có điểm bằng nhau"),
        ("no check of k", _TOPK_NO_K_CHECK, "với k = 0"),
        ("no check of the label range", _TOPK_NO_LABEL_CHECK, "nhãn 6 khi chỉ có 6 lớp"),
        ("no check of the targets' shape", _TOPK_NO_SHAPE_CHECK, "4 hàng scores nhưng 3 nhãn"),
        ("shifts the caller's scores in place", _TOPK_IN_PLACE, "đã sửa scores"),
        ("vague error message", _TOPK_VAGUE, "chưa nói rõ nguyên nhân"),
        ("calls backward on the caller's scores", _TOPK_GRAD, "tạo .grad"),
    ],
    "2": [
        ("conv parameters without the bias", [_COUNT_NO_BIAS, None], "bias C_out"),
        ("counts FLOPs (2 per multiply-add)", [_COUNT_FLOPS, None], "đó là FLOP"),
        ("MACs from the input size, not the output", [_COUNT_INPUT_SIZE, None], "mỗi phần tử của đầu ra"),
        ("MACs without the input channels", [_COUNT_NO_C_IN, None], "mỗi phần tử của đầu ra"),
        ("output size ignores padding", [_COUNT_NO_PADDING, None], "⌊(H + 2p − k)/s⌋ + 1"),
        ("output size ignores stride", [_COUNT_NO_STRIDE, None], "⌊(H + 2p − k)/s⌋ + 1"),
        ("pooling rounds up", [_COUNT_POOL_CEIL, None], "làm tròn xuống"),
        ("pooling counted as multiply-adds", [_COUNT_POOL_MACS, None], "pool không có tham số"),
        ("fc input = channels only, no flatten", [_COUNT_FC_CHANNELS, None], "làm phẳng"),
        ("unknown layer kinds silently skipped", [_COUNT_SKIP_UNKNOWN, None], "loại tầng lạ"),
        ("no check of the output size", [_COUNT_NO_SIZE_CHECK, None], "kernel 9 lớn hơn ảnh"),
        ("no check of input_shape", [_COUNT_NO_INPUT_CHECK, None], "input_shape (3, 32)"),
        ("pops the caller's layers", [_COUNT_POPS, None], "đã sửa danh sách layers"),
        ("builds the layers on 'meta' and measures with FlopCounterMode (not the formulas asked for)",
         [_COUNT_BUILD_AND_MEASURE, None], "không dựng mạng"),
        ("VGG-11 table misses a conv of the last block", [None, _VGG11_MISSING_CONV], "VGG11_LAYERS"),
        ("VGG-11 table without padding", [None, _VGG11_NO_PADDING], "VGG11_LAYERS"),
    ],
    "3": [
        ("3×3 convs without padding", _MAKE_NO_PADDING, "padding=1"),
        ("first Linear fixed at 512·7·7-style C·7·7", _MAKE_FIXED_7, "Linear đầu tiên"),
        ("first conv takes 3 channels whatever in_channels", _MAKE_FIXED_3, "in_channels"),
        ("one dropout missing", _MAKE_NO_DROPOUT, "hai nn.Dropout(0.5)"),
        ("dropout 0.2", _MAKE_DROPOUT_02, "hai nn.Dropout(0.5)"),
        ("no ReLU after the convs", _MAKE_NO_RELU, "một sau mỗi tích chập"),
        ("max-pool with stride 1", _MAKE_POOL_STRIDE_1, "nn.MaxPool2d(kernel_size=2, stride=2)"),
        ("convs without bias", _MAKE_NO_BIAS, "có bias"),
        ("hidden width ignored", _MAKE_FIXED_HIDDEN, "ba tầng Linear"),
        ("first Linear uses the first conv's width", _MAKE_LAST_ITEM, "Linear đầu tiên"),
        ("no error for a bad config item", _MAKE_NO_ITEM_CHECK, "phần tử 'C'"),
        ("no error when image_size is not divisible", _MAKE_NO_SIZE_CHECK, "image_size = 10"),
        ("pops the caller's config", _MAKE_POPS, "đã sửa config"),
    ],
    "4": [
        ("no expansion: output has mid channels", [_INIT_NO_EXPANSION, None], "4·mid_channels"),
        ("convs keep their bias", [_INIT_BIAS, None], "bias=False"),
        ("projection even when the shapes match", [_INIT_ALWAYS_PROJECT, None], "chỉ dùng nhánh chiếu"),
        ("projection ignores stride", [_INIT_IGNORES_STRIDE, None], "cần nhánh chiếu"),
        ("projection without BatchNorm", [_INIT_PROJECTION_NO_BN, None], "kể cả conv của nhánh chiếu"),
        ("3×3 conv without padding", [_INIT_NO_PADDING, None], "padding=1"),
        ("no error for stride 3", [_INIT_NO_STRIDE_CHECK, None], "stride = 3"),
        ("3×3 conv first, then 1×1", [_INIT_3X3_FIRST, None], "1×1 (in_channels → mid_channels)"),
        ("no ReLU after the addition", [None, _FORWARD_NO_FINAL_RELU], "thiếu ReLU sau phép cộng"),
        ("no shortcut in forward", [None, _FORWARD_NO_SHORTCUT], "cộng nhánh tắt"),
        ("adds in place into the caller's x", [None, _FORWARD_IN_PLACE], "đã sửa x"),
    ],
    "5": [
        ("percent instead of a fraction", _REDUCE_PERCENT, "không nhân 100"),
        ("divides by the current year's error", _REDUCE_BY_CURRENT, "chia cho lỗi của năm đang xét"),
        ("absolute difference", _REDUCE_ABSOLUTE, "hiệu tuyệt đối"),
        ("ratio of errors instead of the reduction", _REDUCE_RATIO, "r = (lỗi năm trước − lỗi năm này)"),
        ("years in insertion order, not sorted", _REDUCE_UNSORTED, "sau khi sắp xếp theo năm"),
        ("first year included with 0", _REDUCE_FIRST_YEAR, "trừ năm sớm nhất"),
        ("only consecutive calendar years compared", _REDUCE_CONSECUTIVE_YEARS, "sau khi sắp xếp theo năm"),
        ("no error for a one-year table", _REDUCE_NO_COUNT_CHECK, "bảng chỉ có một năm"),
        ("no error for a non-positive error", _REDUCE_NO_POSITIVE_CHECK, "lỗi bằng 0"),
        ("reorders the caller's dict", _REDUCE_POPS, "đã sửa bảng"),
    ],
    "6": [
        ("English axis labels", _PLOT_ENGLISH, "chưa phải tiếng Việt"),
        ("no title", _PLOT_NO_TITLE, "chưa có tiêu đề"),
        ("no y label", _PLOT_NO_YLABEL, "chưa có nhãn trục tung"),
        ("years in insertion order", _PLOT_UNSORTED, "năm tăng dần"),
        ("no human reference line", _PLOT_NO_HUMAN, "mức của con người"),
        ("human line fixed at 5.1", _PLOT_FIXED_HUMAN, "mức của con người"),
        ("no legend", _PLOT_NO_LEGEND, "chú giải"),
        ("legend call without labels", _PLOT_NO_LABELS_LEGEND, "chú giải"),
        ("English legend", _PLOT_ENGLISH_LEGEND, "chú giải cần viết bằng tiếng Việt"),
        ("bar chart instead of a line", _PLOT_BARS, "ax.plot"),
        ("plots the reductions instead of the errors", _PLOT_REDUCTIONS, "đường lỗi top-5"),
    ],
}

CORRECT_ANSWERS = {
    "1": [
        ("Python loop over rows", _TOPK_LOOP),
        ("strictly larger plus tied others, detach", _TOPK_STRICT_PLUS_TIES),
    ],
    "2": [
        ("a rule per layer kind in a dict", [_COUNT_DISPATCH, _VGG11_LITERAL]),
        ("index loop, functools.reduce for the flattened size", [_COUNT_INDEX_LOOP, None]),
    ],
    "3": [
        ("nn.Module subclass with features and classifier", _MAKE_MODULE),
        ("validation first, nested Sequentials, MaxPool2d(2)", _MAKE_TWO_PASSES),
    ],
    "4": [
        ("named layers, stride on the first 1×1 (paper layout), functional forward", [_INIT_FUNCTIONAL, _FORWARD_FUNCTIONAL]),
    ],
    "5": [
        ("loop over sorted items, 1 − e / e_prev", _REDUCE_LOOP),
        ("numpy diff", _REDUCE_NUMPY),
    ],
    "6": [
        ("pyplot state machine and hlines", _PLOT_PYPLOT),
        ("add_subplot, semilogy, ax.set(...), fig.suptitle", _PLOT_LOG_TWO_LINES),
    ],
}


_COUNT_ASSIGNS_INPUT = _swap(_COUNT, "shape = tuple(int(v) for v in input_shape)", "shape = input_shape")
_COUNT_ASSIGNS_INPUT = _swap(_COUNT_ASSIGNS_INPUT, "        c_in, h, w = shape\n        shape = (c_out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)",
                             "        c_in, h, w = shape\n        shape[0], shape[1], shape[2] = c_out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1")
_PLOT_INT_FORMAT = _swap(_PLOT, 'label=f"Một chuyên gia người ({human:g} %)".replace(".", ",")',
                         'label=f"Một chuyên gia người ({human:d} %)"')


_COUNT_SIZE_CHECK_H_ONLY = _swap(_COUNT, "    if min(shape) < 1:", "    if len(shape) == 3 and shape[1] < 1 or shape[0] < 1:")


_TOPK_DETACH_THEN_SHIFT = _swap(_TOPK, "with torch.no_grad():\n",
                                "scores = scores.detach()  # tensor mới? không: cùng bộ nhớ với scores của người gọi\n"
                                "scores -= scores.max(dim=1, keepdim=True).values\nif True:\n")
_COUNT_BIAS_AS_MAC = _swap(_COUNT, "macs += math.prod(shape) * c_in * k * k", "macs += math.prod(shape) * (c_in * k * k + 1)")
_INIT_COMPARES_WITH_MID = _swap(_INIT, "if stride == 1 and in_channels == out_channels:", "if stride == 1 and in_channels == mid_channels:")
_PLOT_UNPAIRED = _swap(_PLOT, "ax.plot(years, [table[year] for year in years],", "ax.plot(years, list(table.values()),")
_INIT_MODULE_LIST = """
if stride not in (1, 2):
    raise ValueError(f"stride = {stride} không hợp lệ (chỉ 1 hoặc 2)")
widths = [(in_channels, mid_channels, 1, 1, 0), (mid_channels, mid_channels, 3, stride, 1),
          (mid_channels, 4 * mid_channels, 1, 1, 0)]
self.convs = nn.ModuleList(nn.Conv2d(a, b, k, s, p, bias=False) for a, b, k, s, p in widths)
self.norms = nn.ModuleList(nn.BatchNorm2d(b) for a, b, k, s, p in widths)
self.project = None
if stride > 1 or in_channels != 4 * mid_channels:
    self.project = nn.Sequential(nn.Conv2d(in_channels, 4 * mid_channels, kernel_size=1, stride=stride, bias=False),
                                 nn.BatchNorm2d(4 * mid_channels))
"""
_FORWARD_MODULE_LIST = """
h = x
for i, (conv, norm) in enumerate(zip(self.convs, self.norms)):
    h = norm(conv(h))
    if i < 2:
        h = torch.relu(h)
skip = x if self.project is None else self.project(x)
out = torch.relu(h + skip)
"""


_PLOT_NO_UNIT = _swap(_PLOT, 'ax.set_ylabel("Lỗi top-5 trên tập kiểm tra (%)")', 'ax.set_ylabel("Lỗi top-5 trên tập kiểm tra")')


# Added in review (2026-12-07): more plausible wrong answers and correct alternatives.
WRONG_ANSWERS["1"] += [
    ("copies chapter 05's expected-value tie rule", _TOPK_CHAPTER_EXPECTED, "KỲ VỌNG"),
    ("k-th largest value: correct when the true score is >= it (ties optimistic at the boundary)", _TOPK_KTH_VALUE,
     "tính lạc quan"),
    ("k-th largest value with <=: off by one without ties", _TOPK_KTH_VALUE_STRICT, "không có điểm bằng nhau"),
    ("switches off requires_grad on the caller's scores", _TOPK_DROPS_GRAD, "đổi requires_grad"),
    ("scores.numpy() without detach (fails when requires_grad)", _TOPK_NUMPY_NO_DETACH, "detach"),
    ("label check only against C, not against negatives", _TOPK_LABEL_UPPER_ONLY, "nhãn −1"),
    ("detach() then shifts in place: detach shares the caller's memory", _TOPK_DETACH_THEN_SHIFT, "đã sửa scores"),
]
WRONG_ANSWERS["2"] += [
    ("output size from H only (right only for square images)", [_COUNT_SQUARE_ONLY, None], "riêng rẽ"),
    ("stride ignored when padding = 0", [_COUNT_STRIDE_ONLY_WITH_PADDING, None], "⌊(H + 2p − k)/s⌋ + 1"),
    ("np.floor: sizes and counts become floats", [_COUNT_NP_FLOOR, None], "số nguyên"),
    ("fc parameters without the bias", [_COUNT_FC_NO_BIAS, None], "n_in·n + n"),
    ("ReLU counted as one multiply-add per element", [_COUNT_RELU_MACS, None], "ReLU"),
    ("VGG-11 table misses the last pooling", [None, _VGG11_NO_LAST_POOL], "VGG11_LAYERS"),
    ("bias counted as one more multiply-add per output", [_COUNT_BIAS_AS_MAC, None], "không tính bias"),
    ("output-size check on H only (W never checked)", [_COUNT_SIZE_CHECK_H_ONLY, None], "W_out = 0"),
    ("writes into the caller's input_shape (a tuple: TypeError)", [_COUNT_ASSIGNS_INPUT, None], "không sửa được tại chỗ"),
]
WRONG_ANSWERS["3"] += [
    ("BatchNorm after each conv (vgg11_bn)", _MAKE_BATCHNORM, "không có BatchNorm"),
    ("dropout before each Linear (AlexNet style)", _MAKE_DROPOUT_BEFORE_LINEAR, "thứ tự các tầng"),
    ("torchvision's AdaptiveAvgPool2d((7, 7)) and Linear(C·7·7)", _MAKE_ADAPTIVE_7, "Linear đầu tiên"),
    ("ReLU on the logits", _MAKE_RELU_ON_LOGITS, "hai trong phần phân loại"),
    ("ReLU before each conv", _MAKE_RELU_BEFORE_CONV, "thứ tự các tầng"),
    ("float channel counts accepted", _MAKE_ACCEPTS_FLOAT, "16.0"),
]
WRONG_ANSWERS["4"] += [
    ("ReLU at the end of the main branch too", [_INIT_RELU_LAST_IN_MAIN, None], "không có ReLU ở cuối nhánh chính"),
    ("no ReLU after the first BatchNorm", [_INIT_NO_MIDDLE_RELU, None], "thứ tự các tầng của nhánh chính"),
    ("ReLU before BatchNorm", [_INIT_RELU_BEFORE_BN, None], "thứ tự các tầng của nhánh chính"),
    ("projection without the stride", [_INIT_SHORTCUT_NO_STRIDE, None], "cùng dạng với nhánh chính"),
    ("identity when in_channels == mid_channels (not 4·mid)", [_INIT_COMPARES_WITH_MID, None], "chỉ dùng nhánh chiếu"),
    ("stride on both the first 1×1 and the 3×3", [_INIT_DOUBLE_STRIDE, None], "stride chỉ đặt ở một tích chập"),
]
WRONG_ANSWERS["5"] += [
    ("previous year = year − 1 (KeyError when a year is missing)", _REDUCE_YEAR_MINUS_ONE, "năm nhỏ hơn gần nhất"),
    ("every year compared with the first year", _REDUCE_VS_FIRST, "r = (lỗi năm trước − lỗi năm này)"),
    ("rounded to 3 decimals", _REDUCE_ROUNDED, "r = (lỗi năm trước − lỗi năm này)"),
    ("zero error accepted", _REDUCE_ZERO_ALLOWED, "lỗi bằng 0"),
    ("years ordered by decreasing error", _REDUCE_SORT_BY_ERROR, "sau khi sắp xếp theo năm"),
]
WRONG_ANSWERS["6"] += [
    ("calls plt.show() inside the function", _PLOT_CALLS_SHOW, "đã gọi plt.show()"),
    ("line without markers", _PLOT_NO_MARKER, "điểm đánh dấu"),
    ("legend half English", _PLOT_HALF_ENGLISH_LEGEND, "chú giải cần viết bằng tiếng Việt"),
    ("Vietnamese without diacritics", _PLOT_NO_DIACRITICS, "chưa phải tiếng Việt"),
    ("human line at human / 100", _PLOT_HUMAN_FRACTION, "mức của con người"),
    ("returns the Axes", _PLOT_RETURNS_AX, "phải trả về một Figure"),
    ("y label without its unit", _PLOT_NO_UNIT, "chưa ghi đơn vị"),
    ("years sorted but errors in insertion order", _PLOT_UNPAIRED, "đi qua các điểm (năm, lỗi)"),
    ("formats human with :d (fails for 6.5)", _PLOT_INT_FORMAT, "mọi mức human"),
]
CORRECT_ANSWERS["1"] += [
    ("numpy after detach().cpu()", _TOPK_NUMPY),
    ("sort and searchsorted", _TOPK_SEARCHSORTED),
]
CORRECT_ANSWERS["2"] += [
    ("numpy arrays, counts as numpy integers", [_COUNT_NUMPY, None]),
    ("math.floor of a true division", [_COUNT_FLOOR, None]),
]
CORRECT_ANSWERS["3"] += [
    ("one shared ReLU and pooling module, Dropout before ReLU (same function)", _MAKE_SHARED),
    ("Sequential from an OrderedDict of named layers", _MAKE_ORDERED_DICT),
]
CORRECT_ANSWERS["4"] += [
    ("torchvision layout: shared ReLU(inplace=True), out += identity", [_INIT_TORCHVISION, _FORWARD_TORCHVISION]),
    ("ModuleLists of convs and norms, loop in forward", [_INIT_MODULE_LIST, _FORWARD_MODULE_LIST]),
]
CORRECT_ANSWERS["5"] += [
    ("itertools.pairwise", _REDUCE_PAIRWISE),
]
CORRECT_ANSWERS["6"] += [
    ("'o-' format, hlines, fig.legend", _PLOT_FIG_LEGEND),
]
