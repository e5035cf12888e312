"""Wrong and correct answers for solutions/lab04_tang_do_sau.ipynb (format: see __init__.py).

Each entry replaces the solution regions of the question's last solution cell, in order;
None keeps the solution's region. ``WRONG_ANSWERS`` entries carry the hint (a substring of
the Vietnamese message) the learner must see; ``CORRECT_ANSWERS`` must pass.
"""

from __future__ import annotations

from tests.wrong_answers import swap as _swap


# ---------------------------------------------------------------- Câu 1: layer_cost, network_cost
_LAYER = '''
if isinstance(layer, nn.Conv2d):
    channels, height, width = in_shape
    if channels != layer.in_channels:
        raise ValueError(f"Conv2d cần {layer.in_channels} kênh vào, nhận {channels} kênh.")
    out_hw = []
    for size, k, s, p, d in zip((height, width), layer.kernel_size, layer.stride, layer.padding, layer.dilation):
        out_hw.append((size + 2 * p - d * (k - 1) - 1) // s + 1)
    if min(out_hw) < 1:
        raise ValueError(f"Ảnh vào {height}×{width} quá nhỏ cho Conv2d này: đầu ra rỗng {out_hw}.")
    per_output = (channels // layer.groups) * layer.kernel_size[0] * layer.kernel_size[1]
    params = layer.out_channels * per_output + (layer.out_channels if layer.bias is not None else 0)
    out_shape = (layer.out_channels, out_hw[0], out_hw[1])
    macs = layer.out_channels * out_hw[0] * out_hw[1] * per_output
elif isinstance(layer, nn.BatchNorm2d):
    if in_shape[0] != layer.num_features:
        raise ValueError(f"BatchNorm2d cần {layer.num_features} kênh, nhận {in_shape[0]} kênh.")
    params = 2 * layer.num_features if layer.affine else 0
    macs = math.prod(in_shape)
    out_shape = in_shape
elif isinstance(layer, nn.Linear):
    if in_shape != (layer.in_features,):
        raise ValueError(f"Linear cần {layer.in_features} đặc trưng vào, nhận dạng {in_shape}.")
    params = layer.in_features * layer.out_features + (layer.out_features if layer.bias is not None else 0)
    macs = layer.in_features * layer.out_features
    out_shape = (layer.out_features,)
elif isinstance(layer, nn.ReLU):
    params, macs, out_shape = 0, 0, in_shape
elif isinstance(layer, nn.Flatten):
    params, macs, out_shape = 0, 0, (math.prod(in_shape),)
else:
    raise ValueError(f"Tầng {type(layer).__name__} không được hỗ trợ (chỉ Conv2d, BatchNorm2d, Linear, ReLU, "
                     "Flatten).")
'''
_NETWORK = '''
total_params, total_macs, shape = 0, 0, tuple(in_shape)
for layer in model:
    params, macs, shape = layer_cost(layer, shape)
    total_params += params
    total_macs += macs
'''
_LAYER_NO_GROUPS = _swap(_LAYER, "per_output = (channels // layer.groups) *", "per_output = channels *")
_LAYER_NO_DILATION = _swap(_LAYER, "out_hw.append((size + 2 * p - d * (k - 1) - 1) // s + 1)",
                           "out_hw.append((size + 2 * p - k) // s + 1)")
_LAYER_ROUND_UP = _swap(_LAYER, "out_hw.append((size + 2 * p - d * (k - 1) - 1) // s + 1)",
                        "out_hw.append(math.ceil((size + 2 * p - d * (k - 1) - 1) / s) + 1)")
_LAYER_ALWAYS_BIAS = _swap(
    _LAYER, "params = layer.out_channels * per_output + (layer.out_channels if layer.bias is not None else 0)",
    "params = layer.out_channels * per_output + layer.out_channels")
_LAYER_BIAS_MACS = _swap(_LAYER, "macs = layer.out_channels * out_hw[0] * out_hw[1] * per_output",
                         "macs = layer.out_channels * out_hw[0] * out_hw[1] * (per_output + 1)  # cộng bias")
_LAYER_BN_BUFFERS = _swap(_LAYER, "params = 2 * layer.num_features if layer.affine else 0",
                          "params = 4 * layer.num_features  # γ, β, running_mean, running_var")
_LAYER_BN_NO_MACS = _swap(_LAYER, "    macs = math.prod(in_shape)\n", "    macs = 0  # chuẩn hóa không phải phép nhân-cộng\n")
_LAYER_SQUARE_KERNEL = _swap(_LAYER, "per_output = (channels // layer.groups) * layer.kernel_size[0] * layer.kernel_size[1]",
                             "per_output = (channels // layer.groups) * layer.kernel_size[0] ** 2")
_LAYER_NO_MACS_PER_POSITION = _swap(_LAYER, "macs = layer.out_channels * out_hw[0] * out_hw[1] * per_output",
                                    "macs = layer.out_channels * per_output  # = số trọng số")
_LAYER_LINEAR_ALWAYS_BIAS = _swap(
    _LAYER, "params = layer.in_features * layer.out_features + (layer.out_features if layer.bias is not None else 0)",
    "params = layer.in_features * layer.out_features + layer.out_features")
_LAYER_RUNS_THE_LAYER = '''
if not isinstance(layer, (nn.Conv2d, nn.BatchNorm2d, nn.Linear, nn.ReLU, nn.Flatten)):
    raise ValueError("Tầng không được hỗ trợ.")
channels = in_shape[0]
if isinstance(layer, (nn.Conv2d, nn.BatchNorm2d)) and channels != (layer.in_channels if isinstance(layer, nn.Conv2d)
                                                                  else layer.num_features):
    raise ValueError("Sai số kênh.")
if isinstance(layer, nn.Linear) and in_shape[0] != layer.in_features:
    raise ValueError("Sai số đặc trưng.")
params = sum(p.numel() for p in layer.parameters())
with torch.no_grad():
    try:
        out = layer(torch.zeros((1,) + in_shape))
    except RuntimeError as exc:
        raise ValueError("Ảnh vào quá nhỏ.") from exc
out_shape = tuple(out.shape[1:])
macs = math.prod(out_shape) * (layer.weight[0].numel() if isinstance(layer, (nn.Conv2d, nn.Linear)) else
                               (1 if isinstance(layer, nn.BatchNorm2d) else 0))
'''
_LAYER_NO_TYPE_CHECK = _swap(_LAYER, '''else:
    raise ValueError(f"Tầng {type(layer).__name__} không được hỗ trợ (chỉ Conv2d, BatchNorm2d, Linear, ReLU, "
                     "Flatten).")''', '''else:
    params, macs, out_shape = 0, 0, in_shape  # tầng khác: coi như không tốn gì''')
_LAYER_NO_CHANNEL_CHECK = _swap(_LAYER, '''    if channels != layer.in_channels:
        raise ValueError(f"Conv2d cần {layer.in_channels} kênh vào, nhận {channels} kênh.")
''', "")
_LAYER_NO_EMPTY_CHECK = _swap(_LAYER, '''    if min(out_hw) < 1:
        raise ValueError(f"Ảnh vào {height}×{width} quá nhỏ cho Conv2d này: đầu ra rỗng {out_hw}.")
''', "")
_LAYER_TENSOR_COUNTS = _swap(_LAYER, "macs = layer.out_channels * out_hw[0] * out_hw[1] * per_output",
                             "macs = torch.tensor(layer.out_channels * out_hw[0] * out_hw[1] * per_output)")
_NETWORK_KEEPS_INPUT_SHAPE = '''
total_params, total_macs = 0, 0
for layer in model:
    params, macs, shape = layer_cost(layer, in_shape)
    total_params += params
    total_macs += macs
'''
_NETWORK_PARAMS_ONLY_CONV = '''
total_params, total_macs, shape = 0, 0, tuple(in_shape)
for layer in model:
    params, macs, shape = layer_cost(layer, shape)
    if isinstance(layer, (nn.Conv2d, nn.Linear)):  # BN chỉ là chuẩn hóa
        total_params += params
        total_macs += macs
'''

# ---------------------------------------------------------------- Câu 2: receptive_field
_RF = '''
size, jump = 1, 1
for kernel, stride, dilation in layers:
    if any(not isinstance(v, int) or v < 1 for v in (kernel, stride, dilation)):
        raise ValueError(f"kernel, stride và dilation phải là số nguyên dương, nhận {(kernel, stride, dilation)}.")
    size += (kernel - 1) * dilation * jump
    jump *= stride
'''
_RF_NO_DILATION = _swap(_RF, "size += (kernel - 1) * dilation * jump", "size += (kernel - 1) * jump")
_RF_NO_JUMP = _swap(_RF, "size += (kernel - 1) * dilation * jump", "size += (kernel - 1) * dilation")
_RF_JUMP_FIRST = _swap(_RF, """    size += (kernel - 1) * dilation * jump
    jump *= stride""", """    jump *= stride
    size += (kernel - 1) * dilation * jump""")
_RF_SUM_KERNELS = '''
if any(min(layer) < 1 for layer in layers):
    raise ValueError("Các giá trị phải là số nguyên dương.")
size = 1 + sum((k - 1) * d for k, s, d in layers) * math.prod(s for k, s, d in layers)
jump = math.prod(s for k, s, d in layers)
'''
_RF_DILATED_KERNEL = _swap(_RF, "size += (kernel - 1) * dilation * jump", "size += (kernel * dilation - 1) * jump")
_RF_NO_CHECK = _swap(_RF, """    if any(not isinstance(v, int) or v < 1 for v in (kernel, stride, dilation)):
        raise ValueError(f"kernel, stride và dilation phải là số nguyên dương, nhận {(kernel, stride, dilation)}.")
""", "")
_RF_ONLY_KERNEL_CHECK = _swap(_RF, "if any(not isinstance(v, int) or v < 1 for v in (kernel, stride, dilation)):",
                              "if kernel < 1:")
_RF_POPS = '''
size, jump = 1, 1
while layers:
    kernel, stride, dilation = layers.pop(0)
    if min(kernel, stride, dilation) < 1:
        raise ValueError("Cần số nguyên dương.")
    size += (kernel - 1) * dilation * jump
    jump *= stride
'''

# ---------------------------------------------------------------- Câu 3: ResidualBlock
_BLOCK_INIT = '''
if min(in_channels, out_channels, stride) < 1:
    raise ValueError(f"Số kênh và sải bước phải là số nguyên dương, nhận {in_channels}, {out_channels}, {stride}.")
self.residual = nn.Sequential(
    nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False),
    nn.BatchNorm2d(out_channels),
    nn.ReLU(),
    nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
    nn.BatchNorm2d(out_channels))
if in_channels != out_channels or stride != 1:
    self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                  nn.BatchNorm2d(out_channels))
else:
    self.shortcut = nn.Identity()
if zero_init:
    with torch.no_grad():
        self.residual[-1].weight.zero_()
'''
_BLOCK_FORWARD = "return torch.relu(self.residual(x) + self.shortcut(x))"
_BLOCK_CONV_BIAS = _swap(_swap(_swap(
    _BLOCK_INIT, "nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)",
    "nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1)"),
    "nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)", "nn.Conv2d(out_channels, out_channels, 3, padding=1)"),
    "nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)", "nn.Conv2d(in_channels, out_channels, 1, stride=stride)")
_BLOCK_ALWAYS_PROJECT = _swap(_BLOCK_INIT, "if in_channels != out_channels or stride != 1:", "if True:")
_BLOCK_CHANNELS_ONLY = _swap(_BLOCK_INIT, "if in_channels != out_channels or stride != 1:",
                             "if in_channels != out_channels:")
_BLOCK_3X3_PROJECTION = _swap(_BLOCK_INIT, "nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)",
                              "nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)")
_BLOCK_RELU_INSIDE = _swap(_BLOCK_INIT, """    nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
    nn.BatchNorm2d(out_channels))""", """    nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
    nn.BatchNorm2d(out_channels),
    nn.ReLU())""")
_BLOCK_ZERO_FIRST_BN = _swap(_BLOCK_INIT, "self.residual[-1].weight.zero_()", "self.residual[1].weight.zero_()")
_BLOCK_ZERO_ALWAYS = _swap(_BLOCK_INIT, """if zero_init:
    with torch.no_grad():
        self.residual[-1].weight.zero_()""", """with torch.no_grad():
    self.residual[-1].weight.zero_()""")
_BLOCK_ZERO_REQUIRES_GRAD = _swap(_BLOCK_INIT, """    with torch.no_grad():
        self.residual[-1].weight.zero_()""", """    self.residual[-1].weight.requires_grad_(False)
    self.residual[-1].weight.zero_()""")
_BLOCK_NO_CHECK = _swap(_BLOCK_INIT, """if min(in_channels, out_channels, stride) < 1:
    raise ValueError(f"Số kênh và sải bước phải là số nguyên dương, nhận {in_channels}, {out_channels}, {stride}.")
""", "")
_BLOCK_STRIDE_SECOND = _swap(_swap(
    _BLOCK_INIT, "nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)",
    "nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False)"),
    "nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)",
    "nn.Conv2d(out_channels, out_channels, 3, stride=stride, padding=1, bias=False)")
_BLOCK_NO_PADDING = _swap(_swap(
    _BLOCK_INIT, "nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)",
    "nn.Conv2d(in_channels, out_channels, 3, stride=stride, bias=False)"),
    "nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)", "nn.Conv2d(out_channels, out_channels, 3, bias=False)")

# ---------------------------------------------------------------- Câu 4: he_init_
_HE = '''
if weight.dim() < 2:
    raise ValueError(f"Trọng số cần ít nhất 2 chiều (F_out, F_in, ...), nhận dạng {tuple(weight.shape)}.")
fan_in = weight[0].numel()
std = math.sqrt(2.0 / fan_in)
with torch.no_grad():
    weight.copy_(torch.randn(weight.shape, generator=generator, dtype=weight.dtype) * std)
'''
_HE_LECUN = _swap(_HE, "std = math.sqrt(2.0 / fan_in)", "std = math.sqrt(1.0 / fan_in)")
_HE_FAN_OUT = _swap(_HE, "fan_in = weight[0].numel()", "fan_in = weight.shape[0] * weight[0][0].numel()")
_HE_NO_KERNEL = _swap(_HE, "fan_in = weight[0].numel()", "fan_in = weight.shape[1]")
_HE_SQUARE_KERNEL = _swap(_HE, "fan_in = weight[0].numel()",
                          "fan_in = weight.shape[1] * (weight.shape[2] ** 2 if weight.dim() == 4 else 1)")
_HE_VARIANCE_AS_STD = _swap(_HE, "std = math.sqrt(2.0 / fan_in)", "std = 2.0 / fan_in")
_HE_XAVIER = _swap(_HE, "std = math.sqrt(2.0 / fan_in)",
                   "std = math.sqrt(2.0 / (fan_in + weight.shape[0] * weight[0][0].numel()))")
_HE_GLOBAL_RNG = _swap(_HE, "torch.randn(weight.shape, generator=generator, dtype=weight.dtype)",
                       "torch.randn(weight.shape, dtype=weight.dtype)")
_HE_NEW_TENSOR = '''
if weight.dim() < 2:
    raise ValueError("Trọng số cần ít nhất 2 chiều.")
std = math.sqrt(2.0 / weight[0].numel())
weight = nn.Parameter(torch.randn(weight.shape, generator=generator, dtype=weight.dtype) * std)
'''
_HE_UNIFORM_WRONG_BOUND = _swap(_HE, "torch.randn(weight.shape, generator=generator, dtype=weight.dtype) * std",
                                "(torch.rand(weight.shape, generator=generator, dtype=weight.dtype) * 2 - 1) * std")
_HE_UNIFORM = _swap(_HE, "torch.randn(weight.shape, generator=generator, dtype=weight.dtype) * std",
                    "(torch.rand(weight.shape, generator=generator, dtype=weight.dtype) * 2 - 1) * std * math.sqrt(3)")
_HE_KAIMING = '''
if weight.dim() < 2:
    raise ValueError("Trọng số cần ít nhất 2 chiều.")
nn.init.kaiming_normal_(weight, nonlinearity="relu", generator=generator)
'''
_HE_FLOAT32 = _swap(_HE, "weight.copy_(torch.randn(weight.shape, generator=generator, dtype=weight.dtype) * std)",
                    "weight.data = torch.randn(weight.shape, generator=generator) * std")
_HE_NO_CHECK = _swap(_HE, """if weight.dim() < 2:
    raise ValueError(f"Trọng số cần ít nhất 2 chiều (F_out, F_in, ...), nhận dạng {tuple(weight.shape)}.")
""", "")

# ---------------------------------------------------------------- Câu 5: activation_bytes
_ACT = '''
if batch_size < 1:
    raise ValueError(f"batch_size phải ≥ 1, nhận {batch_size}.")
if bytes_per_element < 1:
    raise ValueError(f"Số byte mỗi phần tử phải ≥ 1, nhận {bytes_per_element}.")
shape, counted, elements = tuple(in_shape), False, 0
for layer in model:
    _, _, out_shape = layer_cost(layer, shape)
    if isinstance(layer, (nn.Conv2d, nn.BatchNorm2d, nn.Linear)):
        if not counted:
            elements += math.prod(shape)
        counted = False
    elif isinstance(layer, nn.ReLU):
        elements += math.prod(out_shape)
        counted = True
    shape = out_shape
total = elements * batch_size * bytes_per_element
'''
_ACT_EVERY_OUTPUT = '''
if batch_size < 1:
    raise ValueError("batch phải ≥ 1")
if bytes_per_element < 1:
    raise ValueError("byte phải ≥ 1")
shape = tuple(in_shape)
elements = math.prod(shape)  # ảnh vào
for layer in model:
    _, _, shape = layer_cost(layer, shape)
    elements += math.prod(shape)  # đầu ra của mọi tầng
total = elements * batch_size * bytes_per_element
'''
_ACT_NO_DEDUP = _swap(_ACT, """        if not counted:
            elements += math.prod(shape)""", """        elements += math.prod(shape)""")
_ACT_NO_INPUT = _swap(_ACT, "shape, counted, elements = tuple(in_shape), False, 0",
                      "shape, counted, elements = tuple(in_shape), True, 0  # ảnh vào không cần gradient")
_ACT_NO_BATCH = _swap(_ACT, "total = elements * batch_size * bytes_per_element", "total = elements * bytes_per_element")
_ACT_FIXED_BYTES = _swap(_ACT, "total = elements * batch_size * bytes_per_element", "total = elements * batch_size * 4")
_ACT_RUNS_MODEL = '''
if batch_size < 1:
    raise ValueError("batch phải ≥ 1")
if bytes_per_element < 1:
    raise ValueError("byte phải ≥ 1")
dtype = {2: torch.float16, 4: torch.float32, 8: torch.float64}[bytes_per_element]
total = measure_saved_bytes(model, torch.zeros((batch_size,) + tuple(in_shape), dtype=dtype))
'''
_ACT_BN_FREE = _swap(_ACT, "if isinstance(layer, (nn.Conv2d, nn.BatchNorm2d, nn.Linear)):",
                     "if isinstance(layer, (nn.Conv2d, nn.Linear)):  # BN chỉ chuẩn hóa, không cần cất gì")
_ACT_FLATTEN_COPY = _swap(_ACT, """        counted = True
""", """        counted = True
    elif isinstance(layer, nn.Flatten):
        counted = False  # Flatten tạo một tensor mới
""")
_ACT_NO_CHECK = _swap(_ACT, """if batch_size < 1:
    raise ValueError(f"batch_size phải ≥ 1, nhận {batch_size}.")
""", "")
_ACT_FLOAT = _swap(_ACT, "total = elements * batch_size * bytes_per_element",
                   "total = elements * batch_size * bytes_per_element / 1.0")

# ---------------------------------------------------------------- Câu 6: scaled_gradients
_SCALE = '''
if not scale > 0:
    raise ValueError(f"scale phải là số dương, nhận {scale}.")
params = list(params)
for p in params:
    p.grad = None
(compute_loss() * scale).backward()
grads, found_inf = [], False
for p in params:
    grad = p.grad.float()
    if not bool(torch.isfinite(grad).all()):
        found_inf = True
    grads.append(grad / scale)
    p.grad = None
'''
_SCALE_NO_SCALING = _swap(_SCALE, "(compute_loss() * scale).backward()", "compute_loss().backward()")
_SCALE_UNSCALE_FP16 = _swap(_SCALE, "    grad = p.grad.float()\n", "    grad = p.grad\n")
_SCALE_UNSCALE_FP16 = _swap(_SCALE_UNSCALE_FP16, "grads.append(grad / scale)", "grads.append((grad / scale).float())")
_SCALE_NO_UNSCALE = _swap(_SCALE, "grads.append(grad / scale)", "grads.append(grad)")
_SCALE_ISINF_ONLY = _swap(_SCALE, "if not bool(torch.isfinite(grad).all()):", "if bool(torch.isinf(grad).any()):")
_SCALE_NO_CLEAR = _swap(_SCALE, """for p in params:
    p.grad = None
(compute_loss()""", """(compute_loss()""")
_SCALE_LEAVES_GRAD = _swap(_SCALE, "    grads.append(grad / scale)\n    p.grad = None\n",
                           "    grads.append(grad / scale)\n    p.grad = grad / scale  # để bộ tối ưu dùng\n")
_SCALE_GRAD_AFTER = _swap(_SCALE, """(compute_loss() * scale).backward()""", """compute_loss().backward()
for p in params:
    p.grad = p.grad * scale  # nhân gradient thay vì mất mát""")
_SCALE_TENSOR_FLAG = _swap(_SCALE, """    if not bool(torch.isfinite(grad).all()):
        found_inf = True""", """    found_inf = found_inf | ~torch.isfinite(grad).all()""")
_SCALE_NO_CHECK = _swap(_SCALE, """if not scale > 0:
    raise ValueError(f"scale phải là số dương, nhận {scale}.")
""", "")
_SCALE_FP16_OUTPUT = _swap(_SCALE, "grads.append(grad / scale)", "grads.append((grad / scale).half())")

# ---------------------------------------------------------------- Câu 7: fit_report
_FIT = '''
if min(batch_size, height, width, hidden, bytes_per_element) < 1:
    raise ValueError("batch_size, height, width, hidden và bytes_per_element phải là số dương.")
per_sample = height * width * (3 + 2 * hidden) * bytes_per_element
params = 3 * hidden + hidden + 2 * hidden + hidden + 1
state = 4 * params * bytes_per_element
activations = batch_size * per_sample
budget = budget_gib * 2 ** 30
report = {"activation_bytes": activations, "state_bytes": state, "total_bytes": activations + state,
          "fits": activations + state <= budget, "max_batch": max(0, int((budget - state) // per_sample))}
'''
_FIT_NO_BN_INPUT = _swap(_FIT, "per_sample = height * width * (3 + 2 * hidden) * bytes_per_element",
                         "per_sample = height * width * (3 + hidden) * bytes_per_element")
_FIT_FIXED_BYTES = _swap(_FIT, "per_sample = height * width * (3 + 2 * hidden) * bytes_per_element",
                         "per_sample = height * width * (3 + 2 * hidden) * 4")
_FIT_WEIGHTS_ONLY = _swap(_FIT, "state = 4 * params * bytes_per_element", "state = params * bytes_per_element")
_FIT_NO_ADAM = _swap(_FIT, "state = 4 * params * bytes_per_element", "state = 2 * params * bytes_per_element")
_FIT_NO_BIAS = _swap(_FIT, "params = 3 * hidden + hidden + 2 * hidden + hidden + 1", "params = 3 * hidden + hidden")
_FIT_GB = _swap(_FIT, "budget = budget_gib * 2 ** 30", "budget = budget_gib * 10 ** 9")
_FIT_MAX_NO_STATE = _swap(_FIT, "max(0, int((budget - state) // per_sample))", "int(budget // per_sample)")
_FIT_MAX_OFF_BY_ONE = _swap(_FIT, "max(0, int((budget - state) // per_sample))",
                            "max(0, int((budget - state) // per_sample)) + 1")
_FIT_NO_CLAMP = _swap(_FIT, "max(0, int((budget - state) // per_sample))", "int((budget - state) // per_sample)")
_FIT_FLOAT = _swap(_FIT, "max(0, int((budget - state) // per_sample))", "max(0, (budget - state) / per_sample)")
_FIT_NO_CHECK = _swap(_FIT, """if min(batch_size, height, width, hidden, bytes_per_element) < 1:
    raise ValueError("batch_size, height, width, hidden và bytes_per_element phải là số dương.")
""", """if batch_size < 1:
    raise ValueError("batch_size phải dương.")
""")

WRONG_ANSWERS = {
    "1": [
        ("ignores groups in the parameter count", [_LAYER_NO_GROUPS, None], "groups"),
        ("output size ignores dilation", [_LAYER_NO_DILATION, None], "dilation"),
        ("rounds the output size up", [_LAYER_ROUND_UP, None], "chia lấy phần nguyên"),
        ("adds a bias even when bias=False", [_LAYER_ALWAYS_BIAS, None], "bias=False"),
        ("counts the bias additions as MACs", [_LAYER_BIAS_MACS, None], "đừng đếm phép cộng hệ số điều chỉnh"),
        ("counts BatchNorm's running statistics as parameters", [_LAYER_BN_BUFFERS, None], "buffer"),
        ("assumes a square kernel", [_LAYER_SQUARE_KERNEL, None], "tham số = C_out"),
        ("BatchNorm costs no MACs", [_LAYER_BN_NO_MACS, None], "một MAC cho mỗi phần tử"),
        ("MACs = number of weights (forgets the positions)", [_LAYER_NO_MACS_PER_POSITION, None], "H_out · W_out"),
        ("Linear always gets a bias", [_LAYER_LINEAR_ALWAYS_BIAS, None], "bias=False"),
        ("runs the layer and reads the output shape", [_LAYER_RUNS_THE_LAYER, None], "không chạy tầng"),
        ("unknown layers silently cost nothing", [_LAYER_NO_TYPE_CHECK, None], "hỗ trợ"),
        ("no channel check", [_LAYER_NO_CHANNEL_CHECK, None], "kênh"),
        ("no empty-output check", [_LAYER_NO_EMPTY_CHECK, None], "quá nhỏ"),
        ("returns a tensor for the MAC count", [_LAYER_TENSOR_COUNTS, None], "số nguyên Python"),
        ("network_cost reuses the input shape for every layer", [None, _NETWORK_KEEPS_INPUT_SHAPE], "out_shape của tầng trước"),
        ("network_cost skips BatchNorm", [None, _NETWORK_PARAMS_ONLY_CONV], "cộng dồn params và macs"),
    ],
    "2": [
        ("ignores dilation", _RF_NO_DILATION, "bỏ quên dilation"),
        ("forgets the jump", _RF_NO_JUMP, "bước nhảy j của các tầng TRƯỚC"),
        ("updates the jump before using it", _RF_JUMP_FIRST, "cập nhật j trước khi dùng"),
        ("multiplies by the total stride", _RF_SUM_KERNELS, "r ← r + (k − 1)·d·j"),
        ("dilated kernel span k·d instead of (k − 1)·d + 1", _RF_DILATED_KERNEL, "không phải k·d"),
        ("no input check", _RF_NO_CHECK, "không báo lỗi nào"),
        ("checks only the kernel", _RF_ONLY_KERNEL_CHECK, "stride = -2"),
        ("pops from the caller's list", _RF_POPS, "đã sửa list layers"),
    ],
    "3": [
        ("convolutions keep their bias", [_BLOCK_CONV_BIAS, None], "bias=False"),
        ("always projects", [_BLOCK_ALWAYS_PROJECT, None], "nn.Identity()"),
        ("projects only when channels change", [_BLOCK_CHANNELS_ONLY, None], "sải bước khác 1"),
        ("3×3 projection", [_BLOCK_3X3_PROJECTION, None], "Conv 1×1"),
        ("ReLU at the end of the residual branch", [_BLOCK_RELU_INSIDE, None], "năm tầng"),
        ("no ReLU after the addition", [None, "return self.residual(x) + self.shortcut(x)"], "ReLU sau phép cộng"),
        ("ReLU on the residual only, then add", [None, "return torch.relu(self.residual(x)) + self.shortcut(x)"],
         "cộng hai nhánh rồi mới"),
        ("identity shortcut dropped", [None, "return torch.relu(self.residual(x))"], "cộng hai nhánh rồi mới"),
        ("in-place addition on x", [None, "return torch.relu(x.add_(self.residual(x)) if isinstance(self.shortcut, "
                                          "nn.Identity) else self.residual(x) + self.shortcut(x))"], "đã sửa x"),
        ("zero-initialises the first BN", [_BLOCK_ZERO_FIRST_BN, None], "zero_init=True"),
        ("always zero-initialises", [_BLOCK_ZERO_ALWAYS, None], "chỉ đặt 0 khi"),
        ("freezes the zeroed weight", [_BLOCK_ZERO_REQUIRES_GRAD, None], "vẫn là tham số được học"),
        ("stride on the second convolution", [_BLOCK_STRIDE_SECOND, None], "tầng tích chập đầu"),
        ("no padding", [_BLOCK_NO_PADDING, None], "padding=1"),
        ("no input check", [_BLOCK_NO_CHECK, None], "in_channels = 0"),
    ],
    "4": [
        ("variance 1/fan_in (LeCun)", _HE_LECUN, "thiếu hệ số 2"),
        ("fan_out instead of fan_in", _HE_FAN_OUT, "fan_out"),
        ("fan_in without the kernel size", _HE_NO_KERNEL, "kích thước kernel"),
        ("uses the variance as the standard deviation", _HE_VARIANCE_AS_STD, "căn bậc hai"),
        ("assumes a square kernel", _HE_SQUARE_KERNEL, "kích thước kernel"),
        ("Xavier instead of He", _HE_XAVIER, "Xavier"),
        ("global random generator", _HE_GLOBAL_RNG, "toàn cục"),
        ("returns a new parameter", _HE_NEW_TENSOR, "tại chỗ"),
        ("uniform with the normal's std as bound", _HE_UNIFORM_WRONG_BOUND, "a²/3"),
        ("uniform with the right variance", _HE_UNIFORM, "phân phối chuẩn"),
        ("calls nn.init.kaiming_normal_", _HE_KAIMING, "kaiming_normal_"),
        ("replaces .data with float32", _HE_FLOAT32, "kiểu số"),
        ("no dimension check", _HE_NO_CHECK, "2 chiều"),
    ],
    "5": [
        ("every layer output plus the input", _ACT_EVERY_OUTPUT, "đếm một tensor hai lần"),
        ("no sharing between ReLU and the next layer", _ACT_NO_DEDUP, "đếm một tensor hai lần"),
        ("forgets the input image", _ACT_NO_INPUT, "còn thiếu tensor"),
        ("forgets the batch", _ACT_NO_BATCH, "batch_size"),
        ("fixed 4 bytes", _ACT_FIXED_BYTES, "bytes_per_element"),
        ("runs the model to measure", _ACT_RUNS_MODEL, "DỰ ĐOÁN"),
        ("BatchNorm keeps nothing", _ACT_BN_FREE, "còn thiếu tensor"),
        ("Flatten copies", _ACT_FLATTEN_COPY, "Flatten chỉ là view"),
        ("no batch check", _ACT_NO_CHECK, "batch_size = 0"),
        ("returns a float", _ACT_FLOAT, "số nguyên Python"),
    ],
    "6": [
        ("no scaling", _SCALE_NO_SCALING, "vẫn bằng 0"),
        ("unscales in float16", _SCALE_UNSCALE_FP16, "float32 trước khi chia"),
        ("forgets to unscale", _SCALE_NO_UNSCALE, "lớn gấp scale lần"),
        ("isinf misses nan", _SCALE_ISINF_ONLY, "nan"),
        ("does not clear old gradients", _SCALE_NO_CLEAR, "cộng dồn"),
        ("leaves gradients in .grad", _SCALE_LEAVES_GRAD, "None"),
        ("scales the gradient after backward", _SCALE_GRAD_AFTER, "TRƯỚC khi gọi backward"),
        ("found_inf is a tensor", _SCALE_TENSOR_FLAG, "kiểu bool"),
        ("no scale check", _SCALE_NO_CHECK, "scale = 0"),
        ("returns float16 gradients", _SCALE_FP16_OUTPUT, "float32"),
    ],
    "7": [
        ("forgets BatchNorm's saved input", _FIT_NO_BN_INPUT, "BatchNorm2d cũng cất đầu vào"),
        ("fixed 4 bytes", _FIT_FIXED_BYTES, "bytes_per_element"),
        ("state = weights only", _FIT_WEIGHTS_ONLY, "hai mômen của Adam"),
        ("state without Adam's moments", _FIT_NO_ADAM, "hai mômen của Adam"),
        ("forgets biases and BN parameters", _FIT_NO_BIAS, "kể cả hệ số điều chỉnh"),
        ("GB instead of GiB", _FIT_GB, "GiB"),
        ("max batch ignores the state", _FIT_MAX_NO_STATE, "trừ bộ nhớ trạng thái"),
        ("max batch off by one", _FIT_MAX_OFF_BY_ONE, "phần nguyên"),
        ("negative max batch", _FIT_NO_CLAMP, "0 nếu số đó âm"),
        ("max batch as a float", _FIT_FLOAT, "số nguyên Python"),
        ("checks only the batch size", _FIT_NO_CHECK, "width = -1"),
    ],
}

CORRECT_ANSWERS = {
    "1": [
        ("dispatch on type name, loops over the two spatial dims with math.floor", ['''
kind = type(layer).__name__
if kind == "Conv2d":
    if in_shape[0] != layer.in_channels:
        raise ValueError("số kênh vào không khớp")
    spatial = []
    for i in range(2):
        span = layer.dilation[i] * (layer.kernel_size[i] - 1) + 1
        spatial.append(math.floor((in_shape[1 + i] + 2 * layer.padding[i] - span) / layer.stride[i]) + 1)
    if spatial[0] <= 0 or spatial[1] <= 0:
        raise ValueError("ảnh quá nhỏ")
    weights = layer.weight.shape[0] * (layer.in_channels // layer.groups) * layer.kernel_size[0] * layer.kernel_size[1]
    params = weights + (0 if layer.bias is None else layer.out_channels)
    macs = weights * spatial[0] * spatial[1]
    out_shape = (layer.out_channels, *spatial)
elif kind == "BatchNorm2d":
    if in_shape[0] != layer.num_features:
        raise ValueError("số kênh không khớp")
    params = 2 * in_shape[0] if layer.affine else 0
    macs = in_shape[0] * in_shape[1] * in_shape[2]
    out_shape = in_shape
elif kind == "Linear":
    if len(in_shape) != 1 or in_shape[0] != layer.in_features:
        raise ValueError("số đặc trưng vào không khớp")
    params = layer.in_features * layer.out_features + (0 if layer.bias is None else layer.out_features)
    macs = layer.in_features * layer.out_features
    out_shape = (layer.out_features,)
elif kind in ("ReLU", "Flatten"):
    params, macs = 0, 0
    out_shape = in_shape if kind == "ReLU" else (math.prod(in_shape),)
else:
    raise ValueError(f"{kind}: chưa hỗ trợ")''', '''
costs = []
shape = tuple(in_shape)
for layer in model.children():
    p, m, shape = layer_cost(layer, shape)
    costs.append((p, m))
total_params = sum(p for p, _ in costs)
total_macs = sum(m for _, m in costs)''']),
        ("parameters counted from the weight tensors' shapes (no forward)", ['''
if not isinstance(layer, (nn.Conv2d, nn.BatchNorm2d, nn.Linear, nn.ReLU, nn.Flatten)):
    raise ValueError("loại tầng không được hỗ trợ")
params = sum(math.prod(p.shape) for p in layer.parameters())
if isinstance(layer, nn.Conv2d):
    if in_shape[0] != layer.in_channels:
        raise ValueError("sai số kênh")
    h, w = ((n + 2 * p - d * (k - 1) - 1) // s + 1 for n, k, s, p, d in
            zip(in_shape[1:], layer.kernel_size, layer.stride, layer.padding, layer.dilation))
    if h < 1 or w < 1:
        raise ValueError("đầu vào quá nhỏ")
    out_shape = (layer.out_channels, h, w)
    macs = math.prod(out_shape) * math.prod(layer.weight.shape[1:])
elif isinstance(layer, nn.BatchNorm2d):
    if in_shape[0] != layer.num_features:
        raise ValueError("sai số kênh")
    out_shape, macs = in_shape, math.prod(in_shape)
elif isinstance(layer, nn.Linear):
    if in_shape != (layer.in_features,):
        raise ValueError("sai số đặc trưng")
    out_shape, macs = (layer.out_features,), layer.weight.numel()
else:
    out_shape = in_shape if isinstance(layer, nn.ReLU) else (math.prod(in_shape),)
    macs = 0''', None]),
    ],
    "2": [
        ("recursion from the output side", '''
def _from_output(rest):
    if not rest:
        return 1, 1
    k, s, d = rest[0]
    if not all(isinstance(v, int) and v > 0 for v in (k, s, d)):
        raise ValueError("kernel, stride, dilation phải là số nguyên dương")
    r_next, j_next = _from_output(rest[1:])
    # r_next, j_next đo bằng vị trí của tầng này; đổi sang pixel của đầu vào tầng này
    return (r_next - 1) * s + (k - 1) * d + 1, j_next * s
size, jump = _from_output(list(layers))'''),
        ("lists of jumps, then a sum", '''
for k, s, d in layers:
    if min(k, s, d) <= 0 or int(k) != k or int(s) != s or int(d) != d:
        raise ValueError("Cần số nguyên dương")
jumps = [1]
for k, s, d in layers:
    jumps.append(jumps[-1] * s)
size = 1 + sum((k - 1) * d * j for (k, s, d), j in zip(layers, jumps))
jump = jumps[-1]'''),
    ],
    "3": [
        ("modules built one by one, nn.functional.relu, zero via nn.init.zeros_", ['''
if in_channels < 1 or out_channels < 1 or stride < 1:
    raise ValueError("cần số kênh và sải bước dương")
conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=3, stride=1, padding=1, bias=False)
bn2 = nn.BatchNorm2d(out_channels)
if zero_init:
    nn.init.zeros_(bn2.weight)
self.residual = nn.Sequential(conv1, nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True), conv2, bn2)
needs_projection = (stride, in_channels) != (1, out_channels)
self.shortcut = (nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride, bias=False),
                               nn.BatchNorm2d(out_channels)) if needs_projection else nn.Identity())''',
            '''
out = self.residual(x)
out = out + self.shortcut(x)
return nn.functional.relu(out)''']),
    ],
    "4": [
        ("normal_ with a generator", '''
if len(weight.shape) < 2:
    raise ValueError("cần tensor ít nhất 2 chiều")
fan_in = math.prod(weight.shape[1:])
with torch.no_grad():
    weight.normal_(0.0, (2 / fan_in) ** 0.5, generator=generator)'''),
        ("nn.init.normal_ with a computed std", '''
if weight.ndim < 2:
    raise ValueError("he_init_ cần ít nhất 2 chiều")
receptive = 1
for size in weight.shape[2:]:
    receptive *= size
nn.init.normal_(weight, mean=0.0, std=math.sqrt(2 / (weight.shape[1] * receptive)), generator=generator)'''),
    ],
    "5": [
        ("set of saved tensor ids along the way", '''
if batch_size < 1:
    raise ValueError("batch_size phải dương")
if bytes_per_element < 1:
    raise ValueError("bytes_per_element (số byte) phải dương")
tensors = {}  # id tensor -> số phần tử của một mẫu
current, shape, next_id = 0, tuple(in_shape), 1
saved = set()
for layer in model:
    _, _, out_shape = layer_cost(layer, shape)
    if isinstance(layer, nn.Flatten):
        shape = out_shape
        continue
    tensors[current] = math.prod(shape)
    out_id = next_id
    next_id += 1
    tensors[out_id] = math.prod(out_shape)
    saved.add(out_id if isinstance(layer, nn.ReLU) else current)
    current, shape = out_id, out_shape
total = sum(tensors[t] for t in saved) * batch_size * bytes_per_element'''),
    ],
    "6": [
        ("torch.autograd.grad instead of backward", '''
if scale <= 0:
    raise ValueError("scale phải dương")
params = list(params)
for p in params:
    p.grad = None
scaled = torch.autograd.grad(compute_loss() * scale, params)
grads = [g.to(torch.float32) / scale for g in scaled]
found_inf = any(bool(torch.isnan(g).any() or torch.isinf(g).any()) for g in scaled)'''),
        ("check after unscaling, with a Python loop", '''
if not (scale > 0):
    raise ValueError("scale cần là số dương")
for p in params:
    p.grad = None
loss = compute_loss()
(loss * scale).backward()
grads = []
for p in params:
    grads.append(p.grad.to(torch.float32).div(scale))
found_inf = not all(torch.isfinite(g).all().item() for g in grads)
for p in params:
    p.grad = None'''),
    ],
    "7": [
        ("reuses activation_bytes and network_cost on a small branch, scaled linearly", '''
if batch_size <= 0 or height <= 0 or width <= 0 or hidden <= 0 or bytes_per_element <= 0:
    raise ValueError("mọi kích thước phải dương")
small = make_branch(1), make_branch(2)
act = [activation_bytes(m, (3, 1, 1), 1, 1) for m in small]
par = [network_cost(m, (3, 1, 1))[0] for m in small]
per_position = act[0] + (act[1] - act[0]) * (hidden - 1)
n_params = par[0] + (par[1] - par[0]) * (hidden - 1)
per_sample = per_position * height * width * bytes_per_element
state = 4 * n_params * bytes_per_element
total = batch_size * per_sample + state
budget = budget_gib * 1024 ** 3
max_batch = 0
if budget >= state:
    max_batch = int((budget - state) // per_sample)
report = dict(activation_bytes=batch_size * per_sample, state_bytes=state, total_bytes=total,
              fits=bool(total <= budget), max_batch=max_batch)'''),
    ],
}


# ---------------------------------------------------------------- Review: more wrong answers and correct alternatives
# Câu 1
_LAYER_MACS_IGNORE_GROUPS = _swap(_LAYER, "macs = layer.out_channels * out_hw[0] * out_hw[1] * per_output",
                                  "macs = layer.out_channels * out_hw[0] * out_hw[1] * channels * layer.kernel_size[0]"
                                  " * layer.kernel_size[1]")
_LAYER_PADDING_ONCE = _swap(_LAYER, "out_hw.append((size + 2 * p - d * (k - 1) - 1) // s + 1)",
                            "out_hw.append((size + p - d * (k - 1) - 1) // s + 1)")
_LAYER_DILATED_SPAN_KD = _swap(_LAYER, "out_hw.append((size + 2 * p - d * (k - 1) - 1) // s + 1)",
                               "out_hw.append((size + 2 * p - d * k) // s + 1)")
_LAYER_BN_IGNORES_AFFINE = _swap(_LAYER, "params = 2 * layer.num_features if layer.affine else 0",
                                 "params = 2 * layer.num_features")
_LAYER_RELU_MACS = _swap(_LAYER, "    params, macs, out_shape = 0, 0, in_shape\n",
                         "    params, macs, out_shape = 0, math.prod(in_shape), in_shape  # một phép so sánh mỗi phần tử\n")
_LAYER_FLATTEN_KEEPS_SHAPE = _swap(_LAYER, "params, macs, out_shape = 0, 0, (math.prod(in_shape),)",
                                   "params, macs, out_shape = 0, 0, in_shape")
# Câu 2
_RF_JUMP_LAST_STRIDE = _swap(_RF, "    jump *= stride\n", "    jump = stride\n")
_RF_JUMP_TIMES_DILATION = _swap(_RF, "    jump *= stride\n", "    jump *= stride * dilation\n")
_RF_OUTPUT_RECURSION_FORWARD = _swap(_RF, "size += (kernel - 1) * dilation * jump",
                                     "size = (size - 1) * stride + (kernel - 1) * dilation + 1")
_RF_ACCEPTS_FRACTIONS = _swap(_RF, "if any(not isinstance(v, int) or v < 1 for v in (kernel, stride, dilation)):",
                              "if min(kernel, stride, dilation) < 1:")
# Câu 3
_BLOCK_ZERO_EVERY_BN = _swap(_BLOCK_INIT, """if zero_init:
    with torch.no_grad():
        self.residual[-1].weight.zero_()""", """if zero_init:
    for module in self.modules():
        if isinstance(module, nn.BatchNorm2d):
            nn.init.zeros_(module.weight)""")
_BLOCK_ZERO_SHORTCUT_TOO = _swap(_BLOCK_INIT, """        self.residual[-1].weight.zero_()""",
                                 """        self.residual[-1].weight.zero_()
        if isinstance(self.shortcut, nn.Sequential):
            self.shortcut[1].weight.zero_()  # cho cả kết nối tắt bắt đầu từ 0""")
_BLOCK_PROJECTION_NO_BN = _swap(_BLOCK_INIT, """    self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                  nn.BatchNorm2d(out_channels))""",
                                """    self.shortcut = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)""")
_BLOCK_ZERO_SHORTCUT_CONV = _swap(_BLOCK_INIT, """        self.residual[-1].weight.zero_()""",
                                  """        self.residual[-1].weight.zero_()
        if isinstance(self.shortcut, nn.Sequential):
            self.shortcut[0].weight.zero_()  # phép chiếu cũng bắt đầu từ 0""")
_BLOCK_ZERO_LAST_CONV = _swap(_BLOCK_INIT, "self.residual[-1].weight.zero_()", "self.residual[3].weight.zero_()")
# Câu 4
_HE_UNIFORM_SQRT3 = _swap(_HE, "torch.randn(weight.shape, generator=generator, dtype=weight.dtype) * std",
                          "(torch.rand(weight.shape, generator=generator, dtype=weight.dtype) * 2 - 1) * math.sqrt(3.0 / fan_in)")
_HE_CLIPPED = _swap(_HE, "torch.randn(weight.shape, generator=generator, dtype=weight.dtype) * std",
                    "torch.randn(weight.shape, generator=generator, dtype=weight.dtype).clamp(-2, 2) * std")
_HE_LAST_DIM = _swap(_HE, "fan_in = weight[0].numel()", "fan_in = weight.shape[-1]")
_HE_NUMEL = _swap(_HE, "fan_in = weight[0].numel()", "fan_in = weight.numel()")
_HE_HALF_NORMAL = _swap(_HE, "torch.randn(weight.shape, generator=generator, dtype=weight.dtype) * std",
                        "torch.randn(weight.shape, generator=generator, dtype=weight.dtype).abs() * std")
# Câu 5
_ACT_PARAMS_TOO = _swap(_ACT, "total = elements * batch_size * bytes_per_element",
                        "total = (elements * batch_size + sum(p.numel() for p in model.parameters())) * bytes_per_element")
_ACT_LAST_OUTPUT = _swap(_ACT, "total = elements * batch_size * bytes_per_element",
                         "if not counted:\n    elements += math.prod(shape)  # và đầu ra của tầng cuối\n"
                         "total = elements * batch_size * bytes_per_element")
_ACT_NEVER_LAST = _swap(_ACT, "total = elements * batch_size * bytes_per_element",
                        "if counted:\n    elements -= math.prod(shape)  # đầu ra của tầng cuối không bị cất\n"
                        "total = elements * batch_size * bytes_per_element")
_ACT_BATCH_ON_INPUT_ONLY = _swap(_swap(_ACT, "shape, counted, elements = tuple(in_shape), False, 0",
                                       "shape, counted, elements = tuple(in_shape), True, math.prod(in_shape) * batch_size"),
                                 "total = elements * batch_size * bytes_per_element", "total = elements * bytes_per_element")
_ACT_BN_INPUT_AND_OUTPUT = _swap(_ACT, """        counted = False
    elif""", """        counted = isinstance(layer, nn.BatchNorm2d)
        if counted:
            elements += math.prod(out_shape)  # BN cất cả đầu ra đã chuẩn hóa
    elif""")
# Câu 6
_SCALE_FLAG_LAST_PARAM = _swap(_SCALE, """    if not bool(torch.isfinite(grad).all()):
        found_inf = True""", """    found_inf = not bool(torch.isfinite(grad).all())""")
_SCALE_CHECKS_LOSS = '''
if not scale > 0:
    raise ValueError("scale phải dương")
params = list(params)
for p in params:
    p.grad = None
scaled = compute_loss() * scale
found_inf = not bool(torch.isfinite(scaled))  # mất mát tràn thì gradient cũng tràn
scaled.backward()
grads = [p.grad.float() / scale for p in params]
for p in params:
    p.grad = None
'''
_SCALE_ISNAN_ONLY = _swap(_SCALE, "if not bool(torch.isfinite(grad).all()):", "if bool(torch.isnan(grad).any()):")
_SCALE_FIXED = _swap(_SCALE, "(compute_loss() * scale).backward()", "(compute_loss() * 2.0 ** 14).backward()")
_SCALE_FIXED = _swap(_SCALE_FIXED, "grads.append(grad / scale)", "grads.append(grad / 2.0 ** 14)")
_SCALE_UNSCALE_BEFORE_BACKWARD = _swap(_SCALE, "(compute_loss() * scale).backward()",
                                       "(compute_loss() * scale / scale).backward()")
# Câu 7
_FIT_NO_INPUT = _swap(_FIT, "per_sample = height * width * (3 + 2 * hidden) * bytes_per_element",
                      "per_sample = height * width * 2 * hidden * bytes_per_element")
_FIT_MAX_PER_BATCH = _swap(_FIT, "max(0, int((budget - state) // per_sample))",
                           "max(0, int((budget - state) // (batch_size * per_sample)))")
_FIT_ACTIVATIONS_ONLY = _swap(_FIT, '"fits": activations + state <= budget', '"fits": activations <= budget')
_FIT_BN_BUFFERS = _swap(_FIT, "params = 3 * hidden + hidden + 2 * hidden + hidden + 1",
                        "params = 3 * hidden + hidden + 4 * hidden + hidden + 1  # cả running_mean, running_var")
_FIT_STATE_FIXED_BYTES = _swap(_FIT, "state = 4 * params * bytes_per_element", "state = 4 * params * 4")
_LAYER_TRUE_DIVISION = _swap(_LAYER, "per_output = (channels // layer.groups) *", "per_output = (channels / layer.groups) *")
_FIT_ROUND = _swap(_FIT, "max(0, int((budget - state) // per_sample))", "max(0, round((budget - state) / per_sample))")

WRONG_ANSWERS["1"] += [
    ("MACs ignore groups (parameters right)", [_LAYER_MACS_IGNORE_GROUPS, None], "C_in / groups"),
    ("padding added on one side only", [_LAYER_PADDING_ONCE, None], "H_out = ⌊"),
    ("dilated kernel spans d·k pixels", [_LAYER_DILATED_SPAN_KD, None], "H_out = ⌊"),
    ("BatchNorm always has 2C parameters", [_LAYER_BN_IGNORES_AFFINE, None], "affine=False"),
    ("ReLU costs one MAC per element", [_LAYER_RELU_MACS, None], "0 MAC"),
    ("Flatten keeps the shape", [_LAYER_FLATTEN_KEEPS_SHAPE, None], "Flatten"),
    ("C_in / groups with true division (float counts)", [_LAYER_TRUE_DIVISION, None], "số nguyên Python"),
]
WRONG_ANSWERS["2"] += [
    ("jump = last stride, not the product", _RF_JUMP_LAST_STRIDE, "r ← r + (k − 1)·d·j"),
    ("jump multiplied by the dilation", _RF_JUMP_TIMES_DILATION, "r ← r + (k − 1)·d·j"),
    ("output-to-input recursion applied from the input", _RF_OUTPUT_RECURSION_FORWARD, "r ← r + (k − 1)·d·j"),
    ("accepts a fractional kernel", _RF_ACCEPTS_FRACTIONS, "kernel = 2.5"),
]
WRONG_ANSWERS["3"] += [
    ("zero_init zeroes every BatchNorm of the block", [_BLOCK_ZERO_EVERY_BN, None], "chỉ BN cuối"),
    ("zero_init also zeroes the shortcut's BatchNorm", [_BLOCK_ZERO_SHORTCUT_TOO, None], "chỉ BN cuối"),
    ("projection without BatchNorm", [_BLOCK_PROJECTION_NO_BN, None], "Conv 1×1 → BN"),
    ("zero_init also zeroes the projection's convolution", [_BLOCK_ZERO_SHORTCUT_CONV, None], "toàn số 0"),
    ("zero_init zeroes the last convolution instead", [_BLOCK_ZERO_LAST_CONV, None], "γ của BN cuối"),
    ("adds the residual into the shortcut in place, then relu_", [None,
     "return self.shortcut(x).add_(self.residual(x)).relu_()"], "đã sửa x"),
    ("ReLU(inplace=True) on the input before the branches", [None,
     "x = nn.functional.relu(x, inplace=True)\nreturn torch.relu(self.residual(x) + self.shortcut(x))"], "đã sửa x"),
]
WRONG_ANSWERS["4"] += [
    ("uniform with bound √(3 / fan_in)", _HE_UNIFORM_SQRT3, "thiếu hệ số 2"),
    ("normal clipped at ±2σ", _HE_CLIPPED, "σ² = 2 / fan_in"),
    ("fan_in = last dimension", _HE_LAST_DIM, "σ² = 2 / fan_in"),
    ("fan_in = every element", _HE_NUMEL, "σ² = 2 / fan_in"),
    ("absolute values (half-normal)", _HE_HALF_NORMAL, "gần 0"),
]
WRONG_ANSWERS["5"] += [
    ("counts the parameters too", _ACT_PARAMS_TOO, "tham số"),
    ("counts the last layer's output", _ACT_LAST_OUTPUT, "tầng cuối"),
    ("never counts the last layer's output, even a ReLU's", _ACT_NEVER_LAST, "ReLU cất đầu ra"),
    ("multiplies only the input image by the batch", _ACT_BATCH_ON_INPUT_ONLY, "tỉ lệ thuận với batch"),
    ("BatchNorm keeps its input and its output", _ACT_BN_INPUT_AND_OUTPUT, "đếm một tensor hai lần"),
]
WRONG_ANSWERS["6"] += [
    ("found_inf overwritten by each parameter", _SCALE_FLAG_LAST_PARAM, "tham số đầu"),
    ("checks the scaled loss instead of the gradients", _SCALE_CHECKS_LOSS, "mất mát vẫn hữu hạn"),
    ("isnan misses inf", _SCALE_ISNAN_ONLY, "tràn số trên"),
    ("ignores the scale argument (fixed 2**14)", _SCALE_FIXED, "2^20"),
    ("scales and unscales the loss before backward", _SCALE_UNSCALE_BEFORE_BACKWARD, "vẫn bằng 0"),
]
WRONG_ANSWERS["7"] += [
    ("forgets the input image", _FIT_NO_INPUT, "ảnh vào"),
    ("max batch divided by the batch size (right only for batch 1)", _FIT_MAX_PER_BATCH, "max_batch"),
    ("fits compares only the activations", _FIT_ACTIVATIONS_ONLY, "total_bytes ≤"),
    ("counts BatchNorm's buffers as parameters", _FIT_BN_BUFFERS, "tham số (kể cả"),
    ("max batch rounded instead of floored", _FIT_ROUND, "phần nguyên"),
    ("state in fixed 4-byte floats", _FIT_STATE_FIXED_BYTES, "bytes_per_element"),
]

CORRECT_ANSWERS["3"] += [
    ("OrderedDict, nn.init.constant_, ReLU(inplace=True) on the sum", ['''
from collections import OrderedDict
if not (in_channels > 0 and out_channels > 0 and stride > 0):
    raise ValueError("số kênh và sải bước phải dương")
self.residual = nn.Sequential(OrderedDict([
    ("conv1", nn.Conv2d(in_channels, out_channels, (3, 3), (stride, stride), (1, 1), bias=False)),
    ("bn1", nn.BatchNorm2d(out_channels)),
    ("relu", nn.ReLU()),
    ("conv2", nn.Conv2d(out_channels, out_channels, (3, 3), padding=(1, 1), bias=False)),
    ("bn2", nn.BatchNorm2d(out_channels))]))
if zero_init:
    nn.init.constant_(self.residual.bn2.weight, 0.0)
if in_channels == out_channels and stride == 1:
    self.shortcut = nn.Identity()
else:
    self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                  nn.BatchNorm2d(out_channels))
self.act = nn.ReLU(inplace=True)''', '''
out = self.residual(x) + self.shortcut(x)
return self.act(out)''']),
    ("in-place ops on the branch's own output", [None, "return self.residual(x).add_(self.shortcut(x)).relu_()"]),
]
CORRECT_ANSWERS["4"] += [
    ("torch.normal in float64, copied into the weight", '''
if weight.ndim < 2:
    raise ValueError("cần ít nhất 2 chiều")
fan_in = 1
for size in weight.shape[1:]:
    fan_in *= size
values = torch.normal(0.0, math.sqrt(2.0 / fan_in), size=tuple(weight.shape), generator=generator,
                      dtype=torch.float64)
with torch.no_grad():
    weight.copy_(values)'''),
]
CORRECT_ANSWERS["5"] += [
    ("which tensors are saved, named: ReLU outputs and inputs not already saved", '''
if batch_size < 1:
    raise ValueError("batch_size phải dương (batch ≥ 1)")
if bytes_per_element < 1:
    raise ValueError("bytes_per_element (số byte mỗi phần tử) phải dương")
shapes = [tuple(in_shape)]
for layer in model:
    shapes.append(layer_cost(layer, shapes[-1])[2])
kinds = [type(layer).__name__ for layer in model]
saved = set()
for i, kind in enumerate(kinds):
    source = i
    while source > 0 and kinds[source - 1] == "Flatten":  # Flatten chỉ là view của tensor trước nó
        source -= 1
    if kind == "ReLU":
        saved.add(i + 1)
    elif kind in ("Conv2d", "BatchNorm2d", "Linear"):
        saved.add(source)
total = sum(math.prod(shapes[i]) for i in saved) * batch_size * bytes_per_element'''),
]
CORRECT_ANSWERS["6"] += [
    ("a found flag from torch.stack of per-parameter checks", '''
if scale <= 0:
    raise ValueError(f"scale phải dương: {scale}")
params = list(params)
for p in params:
    p.grad = None
loss = compute_loss()
loss.mul(scale).backward()
grads = [p.grad.detach().to(dtype=torch.float32) for p in params]
found_inf = bool(torch.stack([~torch.isfinite(g).all() for g in grads]).any())
grads = [g / scale for g in grads]
for p in params:
    p.grad = None'''),
]
CORRECT_ANSWERS["7"] += [
    ("builds the branch and calls activation_bytes and network_cost", '''
for name, value in dict(batch_size=batch_size, height=height, width=width, hidden=hidden,
                        bytes_per_element=bytes_per_element).items():
    if value <= 0:
        raise ValueError(f"{name} phải dương, nhận {value}")
branch = make_branch(hidden)
per_sample = activation_bytes(branch, (3, height, width), 1, bytes_per_element)
state = 4 * network_cost(branch, (3, height, width))[0] * bytes_per_element
budget = budget_gib * 2 ** 30
total = batch_size * per_sample + state
report = {"activation_bytes": batch_size * per_sample, "state_bytes": state, "total_bytes": total,
          "fits": bool(total <= budget), "max_batch": int(max(budget - state, 0) // per_sample)}'''),
]
